import type { z } from 'zod';
import type { Role } from '#shared/domain/roles.ts';
import type { Adapters } from '#shared/use-cases/adapters.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One route of the HTTP API. The CDK api construct builds a function and an API Gateway route
 * from it; the handler enforces its roles and schemas; the OpenAPI document describes it.
 * `roles: 'public'` means no token at all; otherwise a role that is not listed is refused
 * (deny by default).
 */
export interface RouteDefinition<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
  A extends Adapters = Adapters,
> {
  readonly id: string;
  readonly method: HttpMethod;
  /** Under /v1, or under /public/v1 for what anyone may read without a token (API.md § Conventions this release amends). */
  readonly path: `/v1/${string}` | `/public/v1/${string}`;
  /** Handler module under functions/api/, without `.handler.ts`. */
  readonly handler: string;
  readonly roles: 'public' | readonly [Role, ...Role[]];
  readonly summary: string;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /** The success response body; `status` defaults to 200. */
  readonly response: R;
  readonly status?: 200 | 201 | 202;
  /**
   * The media type of a file the route answers with (CSV, XLSX, an Atom feed) instead of JSON; its
   * handler returns a {@link FileBody}, served as an attachment where it names a file.
   */
  readonly produces?: string;
  /** How long a public answer may be cached (`Cache-Control: public, max-age`), for what changes rarely. */
  readonly cacheSeconds?: number;
  /** Headers the route reads (documented in OpenAPI). */
  readonly headers?: readonly ('If-Match' | 'Idempotency-Key')[];
  /** The adapters its handler uses and how: its IAM grants are exactly what these need. */
  readonly adapters: A;
}

/**
 * What a route that `produces` a file returns: the bytes and the name the browser saves them
 * under; without a name the bytes are shown where they are read (a feed).
 */
export interface FileBody {
  readonly fileName?: string;
  readonly bytes: Uint8Array;
}

export const defineRoute = <
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  R extends z.ZodType,
  const A extends Adapters,
>(
  route: RouteDefinition<P, Q, B, R, A>,
): RouteDefinition<P, Q, B, R, A> => route;

/** Whether a module export is a route declaration (a resource's `routes.ts` exports nothing else that has a path and a handler). */
export const isRoute = (value: unknown): value is RouteDefinition =>
  typeof value === 'object' && value !== null && 'method' in value && 'path' in value && 'handler' in value;

/** The resource folder under functions/api/ a route's handler lives in: one Lambda serves all its routes. */
export const resourceOf = (route: Pick<RouteDefinition, 'handler'>): string => route.handler.split('/')[0] ?? '';

/** `GET /v1/projects/{id}` as API Gateway writes a route key. */
export const routeKey = (route: Pick<RouteDefinition, 'method' | 'path'>): string => `${route.method} ${route.path}`;
