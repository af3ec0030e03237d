import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { ClaimNames } from '#shared/http/claims.schema.ts';
import { API_REFERENCE_CSP, API_REFERENCE_PAGE, CONSOLE_FILE, consoleCsp } from '../constructs/console-csp.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/** The headers CloudFront's response headers policies add deployed (infra/constructs/console-hosting.ts). */
const securityHeaders = (contentSecurityPolicy: string) => ({
  'content-security-policy': contentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
});

export type SiteHandler = (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<void>;

/**
 * What the local gateway serves of the console: the build (with client routes answered by
 * index.html, as CloudFront does deployed) and its runtime configuration, which names the local
 * identity provider as a deployed stack's names the county's: the console signs in through the
 * same OIDC code flow with PKCE either way.
 */
export const consoleSite = (options: {
  dir: string;
  /** The local S3 endpoint the presigned URLs point at (the CSP must let the browser reach it). */
  s3Endpoint: string;
  /** The local identity provider, the console's client id there, and the claim names it emits. */
  signIn: { issuer: string; clientId: string; claims: ClaimNames };
}): SiteHandler => {
  const root = path.resolve(options.dir);
  // Locally the identity provider is on this origin ('self'); the presigned URLs point at s3rver.
  const consoleSecurity = securityHeaders(consoleCsp({ documents: options.s3Endpoint }));
  const referenceSecurity = securityHeaders(API_REFERENCE_CSP);
  const sender =
    (security: Record<string, string>) =>
    (res: ServerResponse, status: number, type: string, body: string | Buffer, cache = 'no-store') => {
      res.writeHead(status, { 'content-type': type, 'cache-control': cache, ...security });
      res.end(body);
    };
  return async (req, res, pathname) => {
    const send = sender(pathname === API_REFERENCE_PAGE ? referenceSecurity : consoleSecurity);
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
    if (pathname === '/config.json') {
      // The same shape as the config.json a deployed stack writes (infra/constructs/console-hosting.ts).
      const config = { mode: 'oidc', ...options.signIn, scope: 'openid profile' };
      return send(res, 200, TYPES['.json'] as string, JSON.stringify(config));
    }
    const index = path.join(root, 'index.html');
    if (!existsSync(index)) {
      return send(res, 503, 'text/plain; charset=utf-8', 'The console is not built: run `npm run build:console`.');
    }
    const file = path.resolve(root, `.${decodeURIComponent(pathname)}`);
    const inside = file.startsWith(`${root}${path.sep}`);
    if (inside && existsSync(file) && statSync(file).isFile()) {
      // Built assets carry a content hash in their name: they never change under that name.
      const immutable = pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
      return send(res, 200, TYPES[path.extname(file)] ?? 'application/octet-stream', readFileSync(file), immutable);
    }
    // A client route (/projects/…, /tasks/{id} with dots in the id): the single-page app decides.
    // A missing file of the build stays a 404.
    if (!CONSOLE_FILE.test(pathname)) return send(res, 200, TYPES['.html'] as string, readFileSync(index), 'no-cache');
    return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
  };
};
