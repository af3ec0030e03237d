import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import Provider, { type AccessToken, errors, interactionPolicy, type KoaContextWithOIDC } from 'oidc-provider';
import type { ClaimNames } from '#shared/http/claims.schema.ts';
import { PROJECT_ROOT } from '../project-root.ts';
import { accountStore, fileAdapter } from './identity-store.ts';
import {
  claimsAsIssued,
  identityDir,
  loadOrCreateSigningKey,
  type ProviderSettings,
  SIGNING_ALG,
  writeProviderSettings,
} from './issuer.ts';
import { accountOf, errorPage, LOGIN_PAGE_CSP, LoginSchema, loginPage } from './login-page.ts';

/** The provider answers under this path of the local gateway's origin: the console reaches it same-origin. */
export const IDENTITY_MOUNT = '/oidc';
/** The console's client id at the local provider (the stack's ConsoleClientId parameter locally). */
export const CONSOLE_CLIENT_ID = 'lingchuan-console-local';
/** The API as a resource (RFC 8707): the `aud` of the access tokens (the stack's JwtAudience locally). */
export const API_AUDIENCE = 'urn:lingchuan:api';
/** A working day: people sign in once in the morning. */
const ACCESS_TOKEN_SECONDS = 8 * 3600;

/** Cookie signing keys, kept so that a restart does not sign everyone out. */
const cookieKeys = (dir: string): string[] => {
  const file = path.join(dir, 'cookie-keys.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as string[];
  const keys = [randomBytes(32).toString('base64url')];
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
};

const readForm = (req: IncomingMessage): Promise<Record<string, string | string[]>> =>
  new Promise((resolve, reject) => {
    let text = '';
    req.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (text.length > 10_000) req.destroy(new Error('form too large'));
    });
    req.on('end', () => {
      const form: Record<string, string | string[]> = {};
      for (const [name, value] of new URLSearchParams(text)) {
        const previous = form[name];
        form[name] = previous === undefined ? value : [previous, value].flat();
      }
      resolve(form);
    });
    req.on('error', reject);
  });

/** The built console's stylesheets (hashed names: read from its index.html, which a rebuild rewrites). */
const consoleStylesheets = (): string[] => {
  const index = path.join(PROJECT_ROOT, 'console', 'dist', 'index.html');
  if (!existsSync(index)) return [];
  return [...readFileSync(index, 'utf8').matchAll(/<link rel="stylesheet"[^>]*href="([^"]+)"/g)].flatMap((m) =>
    m[1] ? [m[1]] : [],
  );
};

const html = (res: ServerResponse, status: number, body: string) => {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': LOGIN_PAGE_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(body);
};

export interface LocalIdentityProvider {
  readonly settings: ProviderSettings;
  /** Answers every request under IDENTITY_MOUNT: the provider's endpoints and our login page. */
  handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void>;
}

/**
 * The local identity provider: `oidc-provider` (OpenID Certified) mounted at /oidc on the gateway's
 * origin. Discovery, JWKS, authorization code with PKCE (S256, required) for one public client, the
 * console; JWT access tokens for the API's audience (resource indicators), signed RS256 as API
 * Gateway's authorizer requires. Its sessions, grants and codes, its keys and the people who signed
 * in live under `<dataDir>/oidc/`. The claims are emitted under the names a county's provider would
 * use (`claimNames`), so the local runtime can be started as such a county.
 */
export const createIdentityProvider = async (options: {
  dataDir: string;
  /** The gateway's origin, e.g. http://127.0.0.1:3000: the issuer is this plus IDENTITY_MOUNT. */
  origin: string;
  claimNames: ClaimNames;
}): Promise<LocalIdentityProvider> => {
  const dir = identityDir(options.dataDir);
  const settings: ProviderSettings = {
    issuer: `${options.origin}${IDENTITY_MOUNT}`,
    audience: API_AUDIENCE,
    clientId: CONSOLE_CLIENT_ID,
    claimNames: options.claimNames,
  };
  writeProviderSettings(options.dataDir, settings);
  const accounts = accountStore(path.join(dir, 'accounts.json'));
  // The console is served on the same origin (opened as 127.0.0.1, the issuer's host, it reaches the
  // provider same-origin under its own Content-Security-Policy).
  const consoleOrigins = [options.origin];

  // Every sign-in asks who to be: there are no passwords, so a remembered session would only hide
  // the choice. Once the login page has answered, this authorization goes on.
  const policy = interactionPolicy.base();
  policy
    .get('login')
    ?.checks.push(
      new interactionPolicy.Check('choose_identity', 'the local provider asks who signs in every time', (ctx) =>
        ctx.oidc.result?.login ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT,
      ),
    );

  const provider = new Provider(settings.issuer, {
    adapter: fileAdapter(path.join(dir, 'store.json')),
    jwks: { keys: [await loadOrCreateSigningKey(options.dataDir)] },
    cookies: { keys: cookieKeys(dir) },
    clients: [
      {
        client_id: CONSOLE_CLIENT_ID,
        client_name: '陵川县政务数据项目管理平台',
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: consoleOrigins.map((o) => `${o}/callback`),
      },
    ],
    // The authorization code flow only (no implicit tokens in a URL); the console's origins only may call the token endpoint.
    responseTypes: ['code'],
    clientBasedCORS: (_ctx: KoaContextWithOIDC, requestOrigin: string) => consoleOrigins.includes(requestOrigin),
    // A public client (a browser holds no secret): PKCE with S256 is required, never plain.
    pkce: { required: () => true },
    scopes: ['openid', 'profile'],
    claims: { openid: ['sub'], profile: ['name'] },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        // The console asks for no resource: its access token is for the API, always.
        defaultResource: async () => API_AUDIENCE,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx: KoaContextWithOIDC, resource: string) => {
          if (resource !== API_AUDIENCE) throw new errors.InvalidTarget();
          return {
            scope: 'api',
            audience: API_AUDIENCE,
            accessTokenTTL: ACCESS_TOKEN_SECONDS,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: SIGNING_ALG } },
          };
        },
      },
    },
    // The API's claims in the access token, under the names this provider is configured to use.
    extraTokenClaims: async (_ctx: KoaContextWithOIDC, token: AccessToken) => {
      const account = token.accountId === undefined ? undefined : accounts.get(token.accountId);
      return account ? claimsAsIssued(account, options.claimNames) : undefined;
    },
    findAccount: async (_ctx: KoaContextWithOIDC, sub: string) => {
      const account = accounts.get(sub);
      return account && { accountId: sub, claims: async () => ({ sub, name: account.name }) };
    },
    // The console is this county's own application: consent is given by deploying it, not asked.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { client, session, result } = ctx.oidc;
      const grantId = result?.consent?.grantId;
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const accountId = session.accountId;
      if (!accountId || client.clientId !== CONSOLE_CLIENT_ID) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId });
      grant.addOIDCScope('openid profile');
      grant.addResourceScope(API_AUDIENCE, 'api');
      await grant.save();
      return grant;
    },
    interactions: {
      policy,
      url: (_ctx: KoaContextWithOIDC, interaction: { uid: string }) =>
        `${IDENTITY_MOUNT}/interaction/${interaction.uid}`,
    },
    renderError: async (ctx: KoaContextWithOIDC, out: { error?: string; error_description?: string }) => {
      ctx.type = 'html';
      ctx.set('content-security-policy', LOGIN_PAGE_CSP);
      ctx.body = errorPage(`${out.error ?? 'error'}: ${out.error_description ?? ''}`, consoleStylesheets());
    },
    ttl: {
      AccessToken: ACCESS_TOKEN_SECONDS,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 3600,
      Session: ACCESS_TOKEN_SECONDS,
      Grant: ACCESS_TOKEN_SECONDS,
    },
  });
  provider.on('server_error', (_ctx, error) => console.error('[oidc] server error:', error));
  const callback = provider.callback();

  const handle = async (req: IncomingMessage, res: ServerResponse, pathname: string) => {
    const interaction = /^\/oidc\/interaction\/([\w-]+)(\/login)?$/.exec(pathname);
    if (interaction) {
      try {
        const details = await provider.interactionDetails(req, res);
        if (details.uid !== interaction[1]) throw new Error('interaction mismatch');
        if (!interaction[2] && req.method === 'GET')
          return html(res, 200, loginPage(details.uid, consoleStylesheets()));
        if (interaction[2] && req.method === 'POST') {
          const login = LoginSchema.safeParse(await readForm(req));
          if (!login.success) {
            const fields = [...new Set(login.error.issues.map((issue) => issue.path.join('.')))].join('、');
            return html(res, 400, loginPage(details.uid, consoleStylesheets(), `请检查：${fields || '表单'}`));
          }
          const { sub, account } = accountOf(login.data);
          accounts.put(sub, account);
          if (details.session?.accountId !== undefined && details.session.accountId !== sub) {
            // Someone else signed in in this browser before: oidc-provider would first show a page
            // asking to sign them out. Choosing who to be is that sign-out here, so the old session
            // ends and this interaction no longer belongs to it.
            await (await provider.Session.findByUid(details.session.uid))?.destroy();
            details.session = undefined;
            await details.save(details.exp - Math.floor(Date.now() / 1000));
          }
          return provider.interactionFinished(
            req,
            res,
            { login: { accountId: sub } },
            { mergeWithLastSubmission: false },
          );
        }
        return html(res, 405, errorPage('不支持的请求方式'));
      } catch {
        return html(res, 400, errorPage('登录请求已失效，请回到控制台重新登录。', consoleStylesheets()));
      }
    }
    // The provider's own routes are relative to its mount; it reads the mount back from originalUrl.
    const request = req as IncomingMessage & { originalUrl?: string };
    request.originalUrl = req.url;
    req.url = (req.url ?? '/').slice(IDENTITY_MOUNT.length) || '/';
    callback(req, res);
  };
  return { settings, handle };
};
