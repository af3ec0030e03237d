import { beginOidcSignIn } from '../auth/oidc.ts';
import type { ConsoleConfig } from '../config.ts';

/**
 * Signing in is the identity provider's: the county's unified identity service deployed, the local
 * runtime's own provider (with its page of preset identities) on one machine. The same code flow
 * with PKCE either way, so what works locally works deployed.
 */
export const SignInPage = ({ config }: { config: ConsoleConfig }) => (
  <main id="main" class="sign-in">
    <h1>陵川县政务数据项目管理平台</h1>
    <section class="card">
      <p>请使用县统一身份认证登录。</p>
      <button type="button" class="primary" onClick={() => void beginOidcSignIn(config, location.pathname)}>
        统一身份认证登录
      </button>
    </section>
    <p>
      <a href="/public-projects">公开项目</a>：全县已批复立项的政务数据项目，无需登录。
    </p>
  </main>
);
