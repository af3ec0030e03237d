import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { PROJECT_ROOT } from '../constructs/house-function.ts';
import type { LocalFunction } from './local-model.ts';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

/**
 * Runs the template's functions in this process, from their TypeScript sources (bundling is
 * skipped locally). Every function of our template sees the same variable values, so one
 * process environment serves them all; a conflict would be a template error and stops the start.
 */
export class LambdaHost {
  private readonly handlers = new Map<string, Promise<Handler>>();

  constructor(
    private readonly functions: Map<string, LocalFunction>,
    private readonly region: string,
  ) {
    const merged: Record<string, string> = {};
    for (const fn of functions.values()) {
      for (const [name, value] of Object.entries(fn.environment)) {
        if (merged[name] !== undefined && merged[name] !== value) {
          throw new Error(
            `Functions disagree on ${name} (${merged[name]} vs ${value}); the local runtime shares one environment.`,
          );
        }
        merged[name] = value;
      }
    }
    Object.assign(process.env, merged);
  }

  async invoke(functionId: string, event: unknown): Promise<unknown> {
    const fn = this.functions.get(functionId);
    if (!fn) throw new Error(`No function ${functionId} in the template`);
    let handler = this.handlers.get(functionId);
    if (!handler) {
      handler = import(pathToFileURL(path.join(PROJECT_ROOT, fn.entry)).href).then((module: { handler?: Handler }) => {
        if (typeof module.handler !== 'function') throw new Error(`${fn.entry} exports no handler`);
        return module.handler;
      });
      this.handlers.set(functionId, handler);
    }
    const requestId = randomUUID();
    const started = Date.now();
    const context = {
      callbackWaitsForEmptyEventLoop: false,
      functionName: functionId,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:${this.region}:000000000000:function:${functionId}`,
      memoryLimitInMB: '512',
      awsRequestId: requestId,
      logGroupName: `/aws/lambda/${functionId}`,
      logStreamName: 'local',
      getRemainingTimeInMillis: () => Math.max(0, 29_000 - (Date.now() - started)),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    } satisfies Context;
    return (await handler)(event, context);
  }
}
