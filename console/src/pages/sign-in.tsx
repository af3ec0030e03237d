import { useState } from 'preact/hooks';
import { ROLES } from '#shared/domain/roles.ts';
import { beginOidcSignIn } from '../auth/oidc.ts';
import { type Session, saveSession } from '../auth/session.ts';
import type { ConsoleConfig } from '../config.ts';
import { ROLES_ZH } from '../i18n/zh.ts';

interface Identity {
  readonly title: string;
  readonly roles: string[];
  readonly dept: string;
  readonly name: string;
}

/** People a newcomer tries the console as; the form below makes any other. */
const PRESETS: Identity[] = [
  { title: '县教育局 · 经办人', roles: ['dept-staff'], dept: 'edu', name: '张三' },
  { title: '县教育局 · 主要负责人', roles: ['dept-head'], dept: 'edu', name: '李局长' },
  { title: '县数据局 · 技术审核', roles: ['data-bureau'], dept: 'data-bureau', name: '王审查' },
  { title: '县行政审批局', roles: ['approval-bureau'], dept: 'approval-bureau', name: '赵审批' },
  { title: '县财政局', roles: ['finance'], dept: 'finance', name: '钱科长' },
  { title: '县发展和改革局 · 竣工验收', roles: ['drc'], dept: 'drc', name: '周科长' },
  { title: '县公安局 · 等级保护', roles: ['public-security'], dept: 'public-security', name: '吴警官' },
  { title: '县审计局', roles: ['audit'], dept: 'audit', name: '孙审计' },
  { title: '系统管理员', roles: ['admin'], dept: '', name: '管理员' },
];

/** Local only: the gateway's /local/token asks the local issuer; a deployed stack has no such route. */
const localToken = async (identity: Omit<Identity, 'title'>): Promise<string> => {
  const response = await fetch('/local/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      roles: identity.roles,
      name: identity.name,
      sub: `${identity.dept || 'county'}-${identity.roles.join('+')}-${identity.name}`,
      ...(identity.dept ? { dept: identity.dept } : {}),
    }),
  });
  const body = (await response.json()) as { token?: string; detail?: string };
  if (!response.ok || !body.token) throw new Error(body.detail ?? `登录失败（${response.status}）`);
  return body.token;
};

const LocalSignIn = ({ onSignedIn }: { onSignedIn: (session: Session) => void }) => {
  const [roles, setRoles] = useState<string[]>(['dept-staff']);
  const [dept, setDept] = useState('edu');
  const [name, setName] = useState('张三');
  const [error, setError] = useState<string>();

  const signIn = async (identity: Omit<Identity, 'title'>) => {
    setError(undefined);
    try {
      onSignedIn(saveSession(await localToken(identity)));
    } catch (e) {
      setError(String((e as Error).message));
    }
  };

  return (
    <>
      <section class="card" aria-labelledby="presets-title">
        <h2 id="presets-title">常用身份</h2>
        <ul class="presets">
          {PRESETS.map((preset) => (
            <li key={preset.title}>
              <button type="button" onClick={() => signIn(preset)}>
                {preset.title}
              </button>
            </li>
          ))}
        </ul>
      </section>
      <form
        class="card"
        aria-labelledby="custom-title"
        onSubmit={(event) => {
          event.preventDefault();
          void signIn({ roles, dept: dept.trim(), name: name.trim() || '本地用户' });
        }}
      >
        <h2 id="custom-title">自定义身份</h2>
        <fieldset>
          <legend>角色（可多选）</legend>
          <div class="checks">
            {ROLES.map((role) => (
              <label key={role}>
                <input
                  type="checkbox"
                  name="role"
                  value={role}
                  checked={roles.includes(role)}
                  onChange={(e) =>
                    setRoles((current) =>
                      e.currentTarget.checked ? [...current, role] : current.filter((r) => r !== role),
                    )
                  }
                />
                {ROLES_ZH[role]}
              </label>
            ))}
          </div>
        </fieldset>
        <div class="row">
          <div class="field">
            <label for="local-dept">部门编号</label>
            <input
              id="local-dept"
              value={dept}
              onInput={(e) => setDept(e.currentTarget.value)}
              pattern="[a-z0-9][a-z0-9\-]{0,62}"
            />
          </div>
          <div class="field">
            <label for="local-name">姓名</label>
            <input id="local-name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
          </div>
        </div>
        <button type="submit" class="primary" disabled={roles.length === 0}>
          登录
        </button>
      </form>
      {error && (
        <p class="problem" role="alert">
          {error}
        </p>
      )}
    </>
  );
};

export const SignInPage = ({
  config,
  onSignedIn,
}: {
  config: ConsoleConfig;
  onSignedIn: (session: Session) => void;
}) => (
  <main id="main" class="sign-in">
    <h1>陵川县政务数据项目管理平台</h1>
    {config.mode === 'local' ? (
      <>
        <p class="muted">本机运行：选择身份后由本地签发机构签发令牌（部署后改由县统一身份认证登录）。</p>
        <LocalSignIn onSignedIn={onSignedIn} />
      </>
    ) : (
      <section class="card">
        <p>请使用县统一身份认证登录。</p>
        <button type="button" class="primary" onClick={() => void beginOidcSignIn(config, location.pathname)}>
          统一身份认证登录
        </button>
      </section>
    )}
  </main>
);
