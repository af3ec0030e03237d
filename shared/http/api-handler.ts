import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import { ForbiddenError, ValidationError } from '#shared/domain/errors.ts';
import { type Actor, hasAnyRole } from '#shared/domain/roles.ts';
import { logger } from '#shared/observability/logger.ts';
import { actorFromClaims } from './actor.ts';
import { toProblem } from './problem.ts';
import type { FileBody, RouteDefinition } from './route.ts';

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;
type Result = APIGatewayProxyStructuredResultV2;

export interface ApiRequest<P, Q, B> {
  readonly actor: Actor;
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  /** Lower-cased header names, as API Gateway delivers them. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly requestId: string;
}

const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
} as const;

const json = (status: number, body: unknown, contentType = 'application/json'): Result => ({
  statusCode: status,
  headers: { 'content-type': `${contentType}; charset=utf-8` },
  body: JSON.stringify(body),
});

/** A file answer (CSV, XLSX): base64 through API Gateway, saved under its (Unicode) name (RFC 6266). */
const file = (mediaType: string, { fileName, bytes }: FileBody): Result => ({
  statusCode: 200,
  headers: {
    'content-type': mediaType,
    'content-disposition': `attachment; filename="${fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  },
  body: Buffer.from(bytes).toString('base64'),
  isBase64Encoded: true,
});

const requestIdOf = (event: Event, context: Context): string =>
  event.requestContext?.requestId ?? context.awsRequestId ?? 'unknown';

/** Zod issues → VALIDATION problem entries whose path names the field. */
const validate = <S extends z.ZodType>(schema: S | undefined, value: unknown, prefix: string): z.infer<S> => {
  if (!schema) return undefined as z.infer<S>;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ValidationError(
    parsed.error.issues.map((issue) => ({
      path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || 'body',
      message: issue.message,
    })),
  );
};

/** Fatal: a byte sequence that is not UTF-8 is refused, never silently replaced by U+FFFD. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Whether every string in a parsed JSON value, keys included, is well-formed Unicode (no lone surrogate escapes). */
const wellFormed = (value: unknown): boolean => {
  if (typeof value === 'string') return value.isWellFormed();
  if (Array.isArray(value)) return value.every(wellFormed);
  if (value !== null && typeof value === 'object')
    return Object.entries(value).every(([key, item]) => key.isWellFormed() && wellFormed(item));
  return true;
};

/**
 * The JSON body, decoded as UTF-8 (API.md § Conventions). A body API Gateway passes base64-encoded
 * (bytes it would not hand over as text) is decoded here, and one that is not UTF-8 is a 400.
 */
const parseBody = (event: Event): unknown => {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  let text: string;
  try {
    text = event.isBase64Encoded ? utf8.decode(Buffer.from(event.body, 'base64')) : event.body;
  } catch {
    throw new ValidationError([{ path: 'body', message: 'The body is not valid UTF-8.' }]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ValidationError([{ path: 'body', message: 'The body is not valid JSON.' }]);
  }
  if (!wellFormed(value)) {
    throw new ValidationError([{ path: 'body', message: 'The body holds a string that is not valid Unicode.' }]);
  }
  return value;
};

/**
 * Who is calling and may they: the authorizer's verified claims become an Actor, then the
 * route's declared roles decide (deny by default). Public routes get an anonymous actor.
 */
const authorize = (route: RouteDefinition, event: Event): Actor => {
  if (route.roles === 'public') return { sub: 'anonymous', name: 'anonymous', deptId: null, roles: [] };
  const actor = actorFromClaims(event.requestContext?.authorizer?.jwt?.claims);
  if (!hasAnyRole(actor, route.roles))
    throw new ForbiddenError(`${route.method} ${route.path} is not open to this role.`);
  return actor;
};

/**
 * The one middleware stack every API handler stands on: request id on every log line,
 * authentication and role check from the route's declaration, JSON parsing and zod validation
 * of params, query and body, the response checked against its schema (so nothing undeclared,
 * such as a task token, can leak), problem details for every error, security headers always.
 */
export const apiHandler = <P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  route: RouteDefinition<P, Q, B, R>,
  impl: (request: ApiRequest<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<z.input<R>>,
) =>
  middy<Event, Result>()
    .use({
      before: ({ event, context }) => {
        logger.addContext(context);
        logger.appendKeys({ requestId: requestIdOf(event, context), route: `${route.method} ${route.path}` });
      },
      after: (request) => {
        // A route's own Cache-Control (a public, rarely changing answer) is the one exception to no-store.
        const cacheControl = request.response?.headers?.['cache-control'];
        request.response = {
          ...request.response,
          headers: {
            ...request.response?.headers,
            ...SECURITY_HEADERS,
            ...(cacheControl ? { 'cache-control': cacheControl } : {}),
          },
        };
        logger.resetKeys();
      },
      onError: (request) => {
        const requestId = requestIdOf(request.event, request.context);
        const problem = toProblem(request.error, requestId);
        if (problem.status >= 500) logger.error('request failed', { error: request.error as Error });
        else logger.info('request refused', { status: problem.status, code: problem.code });
        request.response = json(problem.status, problem, 'application/problem+json');
        request.response.headers = { ...request.response.headers, ...SECURITY_HEADERS };
        logger.resetKeys();
      },
    })
    .handler(async (event, context) => {
      const actor = authorize(route, event);
      const idempotencyKey = event.headers?.['idempotency-key'];
      if (
        route.headers?.includes('Idempotency-Key') &&
        idempotencyKey !== undefined &&
        !/^[\x21-\x7e]{1,200}$/.test(idempotencyKey)
      ) {
        throw new ValidationError([{ path: 'headers.idempotency-key', message: '1 to 200 visible ASCII characters.' }]);
      }
      const params = validate(route.params, event.pathParameters ?? {}, 'params');
      const query = validate(route.query, event.queryStringParameters ?? {}, 'query');
      const body = validate(route.body, route.body ? parseBody(event) : undefined, '');
      const result = await impl({
        actor,
        params,
        query,
        body,
        headers: event.headers ?? {},
        requestId: requestIdOf(event, context),
      });
      if (route.produces) return file(route.produces, result as FileBody);
      const answer = json(route.status ?? 200, route.response.parse(result));
      if (route.cacheSeconds === undefined) return answer;
      return { ...answer, headers: { ...answer.headers, 'cache-control': `public, max-age=${route.cacheSeconds}` } };
    });
