import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;
type Result = APIGatewayProxyStructuredResultV2;
type RouteHandler = (event: Event, context: Context) => Promise<Result>;

/** A route's handler module (`functions/api/<resource>/<name>.handler.ts`). */
export interface HandlerModule {
  readonly handler?: unknown;
}

/**
 * One Lambda per resource folder (issue #19): it serves every route the folder's `routes.ts`
 * declares, dispatching on the route key API Gateway puts in the event
 * (`POST /v1/projects/{id}/submit`). Each route keeps its own handler module, declaration (roles,
 * schemas, adapters) and middleware stack; this is only the table from route key to handler.
 * The table is written from the declarations at synth (infra/constructs/resource-entry.ts), so
 * a route added to `routes.ts` beside its handler file is served with no other wiring, and every
 * handler module is imported statically: loaded at init, never on a route's first call.
 */
export const resourceFunction = (table: Readonly<Record<string, HandlerModule>>): RouteHandler => {
  const handlers = new Map<string, RouteHandler>();
  for (const [routeKey, module] of Object.entries(table)) {
    // A declaration whose module exports no handler stops the cold start, not a request.
    if (typeof module.handler !== 'function') throw new Error(`The handler of ${routeKey} exports no handler`);
    handlers.set(routeKey, module.handler as RouteHandler);
  }
  return (event, context) => {
    const handler = handlers.get(event.routeKey);
    // API Gateway invokes this function only for the routes the template integrates with it, which
    // are the ones in its table: another key is a deployment out of step with its code.
    if (!handler) throw new Error(`No route ${event.routeKey} in this function`);
    return handler(event, context);
  };
};
