import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { errors } from 'jose';
import { flattenClaims } from '#shared/http/claims.schema.ts';
import type { SiteHandler } from './console-site.ts';
import type { Verifier } from './issuer.ts';
import type { LambdaHost } from './lambda-host.ts';
import type { LocalRoute } from './local-model.ts';

interface CompiledRoute extends LocalRoute {
  readonly pattern: RegExp;
  readonly names: string[];
}

const compile = (route: LocalRoute): CompiledRoute => {
  const names: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      const param = /^\{(.+)\}$/.exec(segment);
      if (!param?.[1]) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(param[1]);
      return '([^/]+)';
    })
    .join('/');
  return { ...route, pattern: new RegExp(`^${source}$`), names };
};

const problem = (
  res: ServerResponse,
  status: number,
  code: string,
  title: string,
  requestId: string,
  violations?: { code: string; message: string; path: string }[],
) => {
  res.writeHead(status, { 'content-type': 'application/problem+json; charset=utf-8' });
  res.end(
    JSON.stringify({
      type: `https://errors.lingchuan-data.example/${code}`,
      title,
      status,
      code,
      requestId,
      ...(violations ? { violations } : {}),
    }),
  );
};

/** A verified token whose claim failed (no `exp`, expired, another issuer): the claim, named. */
const claimViolation = (error: unknown) =>
  error instanceof errors.JWTClaimValidationFailed || error instanceof errors.JWTExpired
    ? [{ code: 'UNAUTHENTICATED', message: error.message, path: `claims.${error.claim}` }]
    : undefined;

const readBody = (req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The body as the function receives it: text when it is UTF-8, otherwise base64 with
 * `isBase64Encoded` (never decoded with replacement characters, which would hide the damage).
 */
const bodyOf = (body: Buffer): { body?: string; isBase64Encoded: boolean } => {
  if (body.length === 0) return { isBase64Encoded: false };
  try {
    return { body: utf8.decode(body), isBase64Encoded: false };
  } catch {
    return { body: body.toString('base64'), isBase64Encoded: true };
  }
};

/** API Gateway's HTTP API payload limit. */
const MAX_BODY = 10 * 1024 * 1024;

/**
 * The local API Gateway: routes from the template, JWT verification as the authorizer does it,
 * the same v2 event shape, the same handlers.
 */
export const startGateway = async (options: {
  port: number;
  routes: readonly LocalRoute[];
  verify: Verifier;
  host: LambdaHost;
  /** Everything outside /v1 and /public/v1: the console, its configuration, the local identity provider. */
  site?: SiteHandler;
}): Promise<{ server: Server; url: string }> => {
  const routes = options.routes.map(compile);
  // Paths without parameters are looked up directly; the rest are matched by pattern.
  const exact = new Map<string, CompiledRoute[]>();
  for (const route of routes.filter((r) => r.names.length === 0)) {
    exact.set(route.path, [...(exact.get(route.path) ?? []), route]);
  }

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const requestId = randomUUID();
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const pathname = q === -1 ? target : target.slice(0, q);
    const search = q === -1 ? '' : target.slice(q + 1);
    const method = req.method ?? 'GET';
    const api = pathname === '/v1' || pathname.startsWith('/v1/') || pathname.startsWith('/public/v1/');
    if (options.site && !api) return options.site(req, res, pathname);
    let rawPath = pathname;
    try {
      if (pathname.includes('%')) rawPath = decodeURI(pathname);
    } catch {
      return problem(res, 400, 'VALIDATION', 'Malformed path', requestId);
    }
    const candidates = exact.get(pathname) ?? routes.filter((r) => r.pattern.test(pathname));
    const route = candidates.find((r) => r.method === method);
    if (!route) {
      return candidates.length > 0
        ? problem(res, 405, 'METHOD_NOT_ALLOWED', 'Method not allowed', requestId)
        : problem(res, 404, 'NOT_FOUND', 'Not found', requestId);
    }
    const match = route.pattern.exec(pathname) ?? [];
    const pathParameters: Record<string, string> = {};
    for (const [i, name] of route.names.entries()) {
      try {
        pathParameters[name] = decodeURIComponent(match[i + 1] ?? '');
      } catch {
        pathParameters[name] = match[i + 1] ?? '';
      }
    }

    let claims: Record<string, string> | undefined;
    if (route.jwt) {
      const header = req.headers.authorization ?? '';
      const token = /^Bearer\s+(.+)$/i.exec(header)?.[1];
      if (!token) return problem(res, 401, 'UNAUTHENTICATED', 'A valid bearer token is required', requestId);
      try {
        claims = flattenClaims(await options.verify(token.trim()));
      } catch (error) {
        return problem(
          res,
          401,
          'UNAUTHENTICATED',
          'A valid bearer token is required',
          requestId,
          claimViolation(error),
        );
      }
    }

    const hasBody = req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
    const body = hasBody ? await readBody(req, MAX_BODY) : Buffer.alloc(0);
    if (body === 'too-large') return problem(res, 413, 'PAYLOAD_TOO_LARGE', 'Payload too large', requestId);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
    }
    const query: Record<string, string> = {};
    for (const [name, value] of new URLSearchParams(search)) {
      query[name] = query[name] === undefined ? value : `${query[name]},${value}`;
    }
    const now = new Date();
    const event = {
      version: '2.0',
      routeKey: `${route.method} ${route.path}`,
      rawPath,
      rawQueryString: search,
      headers,
      ...(search ? { queryStringParameters: query } : {}),
      ...(route.names.length > 0 ? { pathParameters } : {}),
      ...bodyOf(body),
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        domainName: headers.host ?? 'localhost',
        domainPrefix: 'local',
        http: {
          method,
          path: rawPath,
          protocol: 'HTTP/1.1',
          sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
          userAgent: headers['user-agent'] ?? '',
        },
        requestId,
        routeKey: `${route.method} ${route.path}`,
        stage: '$default',
        time: now.toISOString(),
        timeEpoch: now.getTime(),
        authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: claims ?? {}, scopes: [] } },
      },
    } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;

    let result: APIGatewayProxyStructuredResultV2;
    try {
      result = (await options.host.invoke(route.functionId, event)) as APIGatewayProxyStructuredResultV2;
    } catch (error) {
      // What API Gateway answers when the function itself fails.
      console.error(`[gateway] ${route.method} ${route.path} failed:`, error);
      return problem(res, 500, 'INTERNAL', 'The request failed', requestId);
    }
    const responseHeaders: Record<string, string> = { 'apigw-requestid': requestId };
    for (const [name, value] of Object.entries(result.headers ?? {})) responseHeaders[name] = String(value);
    res.writeHead(result.statusCode ?? 200, responseHeaders);
    res.end(result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? ''));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[gateway] unexpected failure', error);
      if (!res.headersSent) problem(res, 500, 'INTERNAL', 'The request failed', 'gateway');
      else res.end();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { server, url: `http://127.0.0.1:${port}` };
};
