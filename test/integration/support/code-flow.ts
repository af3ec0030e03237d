import { createHash, randomBytes } from 'node:crypto';

/** A browser's cookie jar, as far as one origin's sign-in needs it. */
const cookieJar = () => {
  const cookies = new Map<string, string>();
  return {
    header: () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
    keep: (response: Response) => {
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const at = pair?.indexOf('=') ?? -1;
        if (pair && at > 0) cookies.set(pair.slice(0, at), pair.slice(at + 1));
      }
    },
  };
};

export interface CodeFlowResult {
  readonly accessToken: string;
  readonly idToken?: string;
  /** Every URL the browser was sent to, in order (the login page's among them). */
  readonly visited: string[];
}

/**
 * The console's sign-in, done over HTTP as a browser would: discovery, the authorization request
 * with a PKCE S256 challenge, the local provider's login page (the form posted as `form`), the
 * redirects back to the console's callback, and the code redeemed with the verifier.
 */
export const signInWithCodeFlow = async (
  base: string,
  form: Record<string, string | string[]>,
): Promise<CodeFlowResult> => {
  const config = (await (await fetch(`${base}/config.json`)).json()) as { issuer: string; clientId: string };
  const discovery = (await (await fetch(`${config.issuer}/.well-known/openid-configuration`)).json()) as {
    authorization_endpoint: string;
    token_endpoint: string;
  };
  const verifier = randomBytes(32).toString('base64url');
  const redirectUri = `${base}/callback`;
  const state = randomBytes(16).toString('base64url');
  const jar = cookieJar();
  const visited: string[] = [];
  const go = async (url: string, init: RequestInit = {}) => {
    visited.push(url);
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: jar.header() },
    });
    jar.keep(response);
    return response;
  };
  const follow = async (response: Response): Promise<Response> => {
    let current = response;
    while (current.status >= 300 && current.status < 400) {
      const location = current.headers.get('location') ?? '';
      const next = new URL(location, current.url || base).href;
      if (next.startsWith(redirectUri)) return current;
      current = await go(next);
    }
    return current;
  };

  const authorize = new URL(discovery.authorization_endpoint);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri,
    scope: 'openid profile',
    state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  const loginPage = await follow(await go(authorize.href));
  if (loginPage.status !== 200)
    throw new Error(`the login page answered ${loginPage.status}: ${await loginPage.text()}`);
  const action = /action="([^"]+\/login)"/.exec(await loginPage.text())?.[1];
  if (!action) throw new Error('the login page has no login form');
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) for (const v of [value].flat()) body.append(name, v);
  const back = await follow(
    await go(new URL(action, base).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    }),
  );
  const callback = new URL(back.headers.get('location') ?? '', base);
  if (!callback.href.startsWith(redirectUri)) throw new Error(`no redirect to the callback (${back.status})`);
  if (callback.searchParams.get('state') !== state) throw new Error('the state came back changed');
  const code = callback.searchParams.get('code');
  if (!code) throw new Error(`no code: ${callback.searchParams.get('error_description') ?? callback.href}`);

  const tokens = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: config.clientId,
      code_verifier: verifier,
    }),
  });
  const answer = (await tokens.json()) as { access_token?: string; id_token?: string; error_description?: string };
  if (!tokens.ok || !answer.access_token)
    throw new Error(`token endpoint ${tokens.status}: ${answer.error_description}`);
  return { accessToken: answer.access_token, ...(answer.id_token ? { idToken: answer.id_token } : {}), visited };
};
