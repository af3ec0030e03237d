import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger } from './logger.ts';

/**
 * Every log line of an invocation carries that invocation's Lambda context (function name and
 * version, request id, cold start) and the keys `keysOf` names for it (the API's request id and
 * route, a workflow step's project and round), and nothing left from the invocation before:
 * Powertools' `injectLambdaContext` with `resetKeys`, which resets on success, on error, and when
 * a later middleware answers early. Used first, so that it resets last.
 */
export const requestContext = <E, C extends Context = Context>(
  keysOf?: (event: E, context: C) => Record<string, unknown>,
): MiddlewareObj<E, unknown, Error, C> => {
  const inject = injectLambdaContext(logger, { resetKeys: true }) as MiddlewareObj<E, unknown, Error, C>;
  return {
    name: 'requestContext',
    before: async (request) => {
      await inject.before?.(request);
      if (keysOf) logger.appendKeys(keysOf(request.event, request.context));
    },
    after: inject.after,
    onError: inject.onError,
  };
};

/**
 * A trigger's failure (a workflow step, the sweep, a document's arrival), logged once with the
 * error and the invocation's context, then thrown on: Step Functions' catch, the scheduler's and
 * S3's retries decide what happens next, as they did before. The API's counterpart answers with
 * problem details instead (shared/http/middlewares.ts).
 */
export const failureLog = <E, C extends Context = Context>(): MiddlewareObj<E, unknown, Error, C> => ({
  name: 'failureLog',
  onError: ({ error }) => {
    logger.error('invocation failed', { error: error as Error });
  },
});
