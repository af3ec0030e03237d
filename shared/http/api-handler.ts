import middy from '@middy/core';
import type { z } from 'zod';
import type { Actor } from '#shared/domain/roles.ts';
import { requestContext } from '#shared/observability/request-context.ts';
import {
  type ApiContext,
  type ApiEvent,
  type ApiResult,
  authorise,
  json,
  problemDetails,
  requestIdOf,
  securityHeaders,
  validate,
} from './middlewares.ts';
import { type FileBody, type RouteDefinition, routeKey } from './route.ts';

export interface ApiRequest<P, Q, B> {
  readonly actor: Actor;
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  /** Lower-cased header names, as API Gateway delivers them. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly requestId: string;
}

/**
 * A file answer (CSV, XLSX, a feed): base64 through API Gateway, saved under its (Unicode) name
 * (RFC 6266) where it has one, shown inline where it has none.
 */
const file = (mediaType: string, { fileName, bytes }: FileBody): ApiResult => ({
  statusCode: 200,
  headers: {
    'content-type': mediaType,
    ...(fileName === undefined
      ? {}
      : {
          'content-disposition': `attachment; filename="${fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        }),
  },
  body: Buffer.from(bytes).toString('base64'),
  isBase64Encoded: true,
});

/**
 * Every API handler: the route's declaration drives a stack of named middlewares (STYLE 18), in
 * the order they run before the handler: the invocation's context and request id on every log
 * line, security headers on every answer, problem details for every error, the caller's roles
 * against the route's, the request against its schemas. The handler then calls its use case and
 * its answer is checked against the response schema, so nothing undeclared (a task token) leaks.
 */
export const apiHandler = <P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  route: RouteDefinition<P, Q, B, R>,
  impl: (request: ApiRequest<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<z.input<R>>,
) =>
  middy<ApiEvent, ApiResult, Error, ApiContext>()
    .use(
      requestContext<ApiEvent, ApiContext>((event, context) => ({
        requestId: requestIdOf(event, context),
        route: routeKey(route),
      })),
    )
    .use(securityHeaders())
    .use(problemDetails())
    .use(authorise(route))
    .use(validate(route))
    .handler(async (event, context) => {
      const { actor, input } = context;
      if (!actor || !input) throw new Error('The authorise and validate middlewares did not run');
      const result = await impl({
        actor,
        params: input.params as z.infer<P>,
        query: input.query as z.infer<Q>,
        body: input.body as z.infer<B>,
        headers: event.headers ?? {},
        requestId: requestIdOf(event, context),
      });
      const answer = route.produces
        ? file(route.produces, result as FileBody)
        : json(route.status ?? 200, route.response.parse(result));
      if (route.cacheSeconds === undefined) return answer;
      return { ...answer, headers: { ...answer.headers, 'cache-control': `public, max-age=${route.cacheSeconds}` } };
    });
