import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { PROJECT_ROOT } from '../project-root.ts';
import type { LocalFunction } from './local-model.ts';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

/** One invocation of a template function, as the host ran it. */
export interface Invocation {
  readonly functionId: string;
  readonly requestId: string;
  /** The API route it served (a resource function serves several), from the event's route key. */
  readonly routeKey?: string;
}

/**
 * The invocation the current code runs in, for instruments that attribute work to a function
 * (the bench counts DynamoDB calls per invocation). Functions share one process locally.
 */
export const currentInvocation = new AsyncLocalStorage<Invocation>();

/** An invocation that has ended: how long the handler ran, whether it threw, the HTTP status it answered. */
export interface Ran extends Invocation {
  readonly ms: number;
  readonly failed: boolean;
  readonly status: number | undefined;
}

/**
 * Runs the template's functions in this process, from their TypeScript sources (bundling is
 * skipped locally). Every function of our template sees the same variable values, so one
 * process environment serves them all; a conflict would be a template error and stops the start.
 */
export class LambdaHost {
  private readonly handlers = new Map<string, Promise<Handler>>();
  private readonly observers: ((ran: Ran) => void)[] = [];

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

  /** Calls `observer` after every invocation with how long it ran (the bench's cost model). */
  observe(observer: (ran: Ran) => void): void {
    this.observers.push(observer);
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
    const run = await handler;
    // Timed from here: loading the module (a cold start, transpiled locally) is not the invocation's duration.
    const began = performance.now();
    const routeKey = (event as { routeKey?: unknown } | null)?.routeKey;
    const invocation = { functionId, requestId, ...(typeof routeKey === 'string' ? { routeKey } : {}) };
    let result: unknown;
    let failed = true;
    try {
      result = await currentInvocation.run(invocation, () => run(event, context));
      failed = false;
      return result;
    } finally {
      const status = (result as { statusCode?: unknown } | undefined)?.statusCode;
      const ran = {
        ...invocation,
        ms: performance.now() - began,
        failed,
        status: typeof status === 'number' ? status : undefined,
      };
      for (const observer of this.observers) observer(ran);
    }
  }
}
