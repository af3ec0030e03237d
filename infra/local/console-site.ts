import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import * as z from 'zod';
import { DeptIdSchema } from '#shared/domain/department.schema.ts';
import { RoleSchema } from '#shared/domain/roles.ts';
import { API_REFERENCE_CSP, API_REFERENCE_PAGE, CONSOLE_FILE, consoleCsp } from '../constructs/console-csp.ts';
import type { TokenClaims } from './issuer.ts';

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

/** What the local sign-in page may ask the local issuer for. */
const TokenRequestSchema = z
  .object({
    roles: z.array(RoleSchema).min(1).max(9),
    dept: DeptIdSchema.optional(),
    sub: z.string().trim().min(1).max(128).optional(),
    name: z.string().trim().min(1).max(100).optional(),
  })
  .strict();

/** The headers CloudFront's response headers policies add deployed (infra/constructs/console-hosting.ts). */
const securityHeaders = (contentSecurityPolicy: string) => ({
  'content-security-policy': contentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
});

const readJson = (req: IncomingMessage): Promise<unknown> =>
  new Promise((resolve) => {
    let text = '';
    req.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (text.length > 10_000) req.destroy();
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(text));
      } catch {
        resolve(undefined);
      }
    });
  });

export type SiteHandler = (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<void>;

/**
 * What the local gateway serves besides /v1: the built console (with client routes answered by
 * index.html, as CloudFront does deployed), its runtime configuration (local sign-in), and
 * `POST /local/token`, the local issuer behind the sign-in page. That route exists only here: the
 * CDK template has no such route, and a deployed stack's issuer is the county's identity provider.
 */
export const consoleSite = (options: {
  dir: string;
  /** The local S3 endpoint the presigned URLs point at (the CSP must let the browser reach it). */
  s3Endpoint: string;
  mint: (claims: TokenClaims) => Promise<string>;
}): SiteHandler => {
  const root = path.resolve(options.dir);
  // Locally sign-in is on this origin (POST /local/token); the presigned URLs point at s3rver.
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
    if (pathname === '/local/token') {
      if (method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'POST only');
      const parsed = TokenRequestSchema.safeParse(await readJson(req));
      if (!parsed.success) {
        const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
        return send(res, 400, 'application/json; charset=utf-8', JSON.stringify({ detail }));
      }
      const { roles, dept, name } = parsed.data;
      const sub = parsed.data.sub ?? `local-${roles[0]}`;
      const token = await options.mint({ sub, name: name ?? sub, roles, ...(dept ? { dept } : {}) });
      return send(res, 200, 'application/json; charset=utf-8', JSON.stringify({ token }));
    }
    if (method !== 'GET' && method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
    if (pathname === '/config.json') return send(res, 200, TYPES['.json'] as string, JSON.stringify({ mode: 'local' }));
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
