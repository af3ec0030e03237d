import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import { ForbiddenError, ValidationError } from '#shared/domain/errors.ts';
import { type Actor, hasAnyRole } from '#shared/domain/roles.ts';
import { logger } from '#shared/observability/logger.ts';
import { actorOf } from './actor.ts';
import { toProblem } from './problem.ts';
import type { RouteDefinition } from './route.ts';

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type ApiResult = APIGatewayProxyStructuredResultV2;

/** What the API's middlewares leave for the handler: who calls, and the request they validated. */
export interface ApiContext extends Context {
  actor?: Actor;
  input?: { readonly params: unknown; readonly query: unknown; readonly body: unknown };
}

type ApiMiddleware = MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext>;

/** API Gateway's request id, which the caller also sees (`apigw-requestid`); Lambda's otherwise. */
export const requestIdOf = (event: ApiEvent, context: Context): string =>
  event.requestContext?.requestId ?? context.awsRequestId ?? 'unknown';

const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
} as const;

export const json = (status: number, body: unknown, contentType = 'application/json'): ApiResult => ({
  statusCode: status,
  headers: { 'content-type': `${contentType}; charset=utf-8` },
  body: JSON.stringify(body),
});

/**
 * The same headers on every answer, a success or a problem (used before `problemDetails`, so it
 * runs after it). A route's own Cache-Control (a public, rarely changing answer such as the
 * dossier keys) is the one exception to no-store.
 */
export const securityHeaders = (): ApiMiddleware => {
  const addHeaders = (request: { response: ApiResult | null | undefined }) => {
    if (!request.response) return;
    const cacheControl = request.response.headers?.['cache-control'];
    request.response = {
      ...request.response,
      headers: {
        ...request.response.headers,
        ...SECURITY_HEADERS,
        ...(cacheControl ? { 'cache-control': cacheControl } : {}),
      },
    };
  };
  return { name: 'securityHeaders', after: addHeaders, onError: addHeaders };
};

/**
 * Errors become HTTP here and nowhere else (STYLE 5): RFC 9457 problem details with the request id
 * to quote; a refusal is logged at INFO with its code, anything else at ERROR with the error.
 */
export const problemDetails = (): ApiMiddleware => ({
  name: 'problemDetails',
  onError: (request) => {
    const problem = toProblem(request.error, requestIdOf(request.event, request.context));
    if (problem.status >= 500) logger.error('request failed', { error: request.error as Error });
    else logger.info('request refused', { status: problem.status, code: problem.code });
    request.response = json(problem.status, problem, 'application/problem+json');
  },
});

/**
 * Who is calling and may they: the authorizer's verified claims become an Actor, then the route's
 * declared roles decide (deny by default, ART04-ROLE). Public routes get an anonymous actor.
 */
export const authorise = (route: RouteDefinition): ApiMiddleware => ({
  name: 'authorise',
  before: ({ event, context }) => {
    if (route.roles === 'public') {
      context.actor = { sub: 'anonymous', name: 'anonymous', deptId: null, roles: [] };
      return;
    }
    const actor = actorOf(event);
    if (!hasAnyRole(actor, route.roles)) {
      throw new ForbiddenError(`${route.method} ${route.path} is not open to this role.`);
    }
    context.actor = actor;
  },
});

/** Zod issues → VALIDATION problem entries whose path names the field. */
const parse = <S extends z.ZodType>(schema: S | undefined, value: unknown, prefix: string): z.infer<S> => {
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
const parseBody = (event: ApiEvent): unknown => {
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
 * The request against the route's declaration: the Idempotency-Key header's form, then params,
 * query and body by their zod schemas (a 400 naming each field). Used after `authorise`: a caller
 * the route refuses learns nothing about what it would have accepted.
 */
export const validate = (route: RouteDefinition): ApiMiddleware => ({
  name: 'validate',
  before: ({ event, context }) => {
    const idempotencyKey = event.headers?.['idempotency-key'];
    if (
      route.headers?.includes('Idempotency-Key') &&
      idempotencyKey !== undefined &&
      !/^[\x21-\x7e]{1,200}$/.test(idempotencyKey)
    ) {
      throw new ValidationError([{ path: 'headers.idempotency-key', message: '1 to 200 visible ASCII characters.' }]);
    }
    context.input = {
      params: parse(route.params, event.pathParameters ?? {}, 'params'),
      query: parse(route.query, event.queryStringParameters ?? {}, 'query'),
      body: parse(route.body, route.body ? parseBody(event) : undefined, ''),
    };
  },
});
