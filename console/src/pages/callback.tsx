import { useEffect, useState } from 'preact/hooks';
import { completeOidcSignIn } from '../auth/oidc.ts';
import type { Session } from '../auth/session.ts';
import type { ConsoleConfig } from '../config.ts';
import { navigate } from '../router.tsx';

/** Where the identity provider sends people back with a code (OIDC authorization code + PKCE). */
export const CallbackPage = ({
  config,
  onSignedIn,
}: {
  config: ConsoleConfig;
  onSignedIn: (session: Session) => void;
}) => {
  const [error, setError] = useState<string>();
  useEffect(() => {
    completeOidcSignIn(config).then(
      ({ session, returnTo }) => {
        onSignedIn(session);
        navigate(returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/', true);
      },
      (e: unknown) => setError(String((e as Error).message)),
    );
  }, [config, onSignedIn]);
  return (
    <main id="main" class="sign-in">
      {error ? (
        <p class="problem" role="alert">
          {error} <a href="/">返回登录</a>
        </p>
      ) : (
        <p aria-live="polite">正在登录…</p>
      )}
    </main>
  );
};
