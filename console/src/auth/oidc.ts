import type { ConsoleConfig } from '../config.ts';
import { challengeOf, randomVerifier } from './pkce.ts';
import { type Session, saveSession } from './session.ts';

type Oidc = ConsoleConfig;

interface Discovery {
  readonly authorization_endpoint: string;
  readonly token_endpoint: string;
}

const PENDING = 'lingchuan.oidc';

const discover = async (issuer: string): Promise<Discovery> => {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`身份认证服务不可用（${response.status}）`);
  return (await response.json()) as Discovery;
};

const redirectUri = () => `${location.origin}/callback`;

/** Off to the county's identity provider: authorization code flow with PKCE (no client secret in a browser). */
export const beginOidcSignIn = async (config: Oidc, returnTo: string) => {
  const { authorization_endpoint } = await discover(config.issuer);
  const verifier = randomVerifier();
  const state = randomVerifier();
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo }));
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: config.scope,
    state,
    code_challenge: await challengeOf(verifier),
    code_challenge_method: 'S256',
  });
  location.assign(`${authorization_endpoint}?${params}`);
};

/**
 * Back from the identity provider: the state must be the one we sent (no forged callbacks), then
 * the code and verifier buy the tokens. The API is called with the access token.
 */
export const completeOidcSignIn = async (config: Oidc): Promise<{ session: Session; returnTo: string }> => {
  const params = new URLSearchParams(location.search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as {
    verifier: string;
    state: string;
    returnTo: string;
  } | null;
  sessionStorage.removeItem(PENDING);
  if (params.get('error')) throw new Error(`登录未完成：${params.get('error_description') ?? params.get('error')}`);
  if (!pending || params.get('state') !== pending.state) throw new Error('登录请求已失效，请重新登录');
  const { token_endpoint } = await discover(config.issuer);
  const response = await fetch(token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code') ?? '',
      redirect_uri: redirectUri(),
      client_id: config.clientId,
      code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) throw new Error(`登录未完成（${response.status}）`);
  const tokens = (await response.json()) as { access_token?: string };
  if (!tokens.access_token) throw new Error('身份认证服务未返回访问令牌');
  return { session: saveSession(tokens.access_token), returnTo: pending.returnTo };
};
