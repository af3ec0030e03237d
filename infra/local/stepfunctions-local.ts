import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ExecutionAbortedError, StateMachine } from 'aws-local-stepfunctions';
import { LOCAL_CACHE_DIR } from '../project-root.ts';

type JSONValue = Parameters<StateMachine['run']>[0];

import type { LambdaHost } from './lambda-host.ts';
import type { LocalStateMachine } from './local-model.ts';

/**
 * A local Step Functions endpoint: the real ASL of each state machine in the template, run by
 * aws-local-stepfunctions, behind the Step Functions JSON protocol so that handlers use the real
 * @aws-sdk/client-sfn.
 *
 * aws-local-stepfunctions gives every run one static `$$.Task.Token`, so each callback task
 * entry gets a token minted here; the function behind the task receives it in its payload and
 * the entry resolves on SendTaskSuccess/Failure for that token.
 *
 * Every execution's input and every task entry's outcome is recorded under the data directory.
 * On start, unfinished executions are replayed: recorded outcomes are returned without invoking
 * their functions again; a step without an outcome runs its function again, as Step Functions
 * retries a step whose Lambda failed (the functions are idempotent), and a callback step does so
 * under the token it was first given, then waits for it again: a crash between saving the token
 * and the function opening its task must not leave a step waiting for a task nobody opened. Task
 * entries are keyed `state#n` (the n-th entry of that state), which is deterministic for our
 * machines (no Map states; a state lives in one Parallel branch).
 */

interface StepRecord {
  token?: string;
  result?: unknown;
  error?: { name: string; message: string };
}

interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  input: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT';
  startDate: number;
  stopDate?: number;
  output?: string;
  error?: string;
  cause?: string;
  steps: Record<string, StepRecord>;
  /** States entered, as Step Functions bills standard workflows (counted while this runtime ran it). */
  transitions?: number;
}

interface Waiting {
  executionArn: string;
  stepKey: string;
  state: string;
  resolve: (output: unknown) => void;
  reject: (error: Error) => void;
}

class SfnError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const TOKEN_PLACEHOLDER = '__LOCAL_SFN_TASK_TOKEN__';

type AslState = {
  Type: string;
  Resource?: string;
  Parameters?: unknown;
  Branches?: { States: Record<string, AslState> }[];
};

/** Every Task state of a definition, Parallel branches included. */
const taskStates = (states: Record<string, AslState>): [string, AslState][] =>
  Object.entries(states).flatMap(([name, state]) => [
    ...(state.Type === 'Task' ? ([[name, state]] as [string, AslState][]) : []),
    ...(state.Branches ?? []).flatMap((branch) => taskStates(branch.States)),
  ]);

const functionIdOf = (arn: unknown): string | undefined => /:function:([^:/"]+)/.exec(String(arn))?.[1];

const namedError = (name: string, message: string) => Object.assign(new Error(message), { name });

/**
 * Node timers hold at most 2^31-1 ms (about 24.8 days); a longer TimeoutSeconds would fire at
 * once. Locally such timeouts are clamped to the longest timer Node has.
 */
const MAX_TIMER_SECONDS = Math.floor((2 ** 31 - 1) / 1000);
const clampTimeouts = (states: Record<string, AslState & { TimeoutSeconds?: number }>) => {
  for (const state of Object.values(states)) {
    if (state.TimeoutSeconds !== undefined) state.TimeoutSeconds = Math.min(state.TimeoutSeconds, MAX_TIMER_SECONDS);
    for (const branch of state.Branches ?? []) clampTimeouts(branch.States);
  }
  return states;
};

/** Definitions the engine's validator passed before, one empty file per hash of definition and engine version. */
const VALIDATED_DIR = path.join(LOCAL_CACHE_DIR, 'asl-validated');
/** Its package does not export package.json: read beside the entry it resolves to. */
const ENGINE_VERSION = (
  JSON.parse(
    readFileSync(
      path.join(path.dirname(createRequire(import.meta.url).resolve('aws-local-stepfunctions')), '..', 'package.json'),
      'utf8',
    ),
  ) as { version: string }
).version;

/**
 * The engine for one definition, validated (ARNs and paths checked) the first time this engine
 * version meets these bytes and trusted afterwards: the validator compiles its JSON schemas for
 * every machine, seconds of every start on this machine, and the bytes it passed do not change.
 */
const engineFor = (definition: ConstructorParameters<typeof StateMachine>[0]): StateMachine => {
  const marker = path.join(
    VALIDATED_DIR,
    createHash('sha256').update(ENGINE_VERSION).update(JSON.stringify(definition)).digest('hex'),
  );
  if (existsSync(marker)) return new StateMachine(definition, { validationOptions: { noValidate: true } });
  const sm = new StateMachine(definition, { validationOptions: { checkArn: true, checkPaths: true } });
  mkdirSync(VALIDATED_DIR, { recursive: true });
  writeFileSync(marker, '');
  return sm;
};

export class StepFunctionsLocal {
  private readonly machines = new Map<string, { machine: LocalStateMachine; sm: StateMachine }>();
  private readonly executions = new Map<string, ExecutionRecord>();
  private readonly running = new Map<string, { abort: () => void; done: Promise<void> }>();
  private readonly waiting = new Map<string, Waiting>();
  /** Set on shutdown: nothing is recorded from then on, so every running execution resumes next start. */
  private closing = false;
  private readonly dir: string;

  constructor(
    machines: readonly LocalStateMachine[],
    private readonly host: LambdaHost,
    dataDir: string,
  ) {
    this.dir = path.join(dataDir, 'stepfunctions');
    mkdirSync(this.dir, { recursive: true });
    for (const machine of machines) {
      const definition = JSON.parse(machine.definition);
      clampTimeouts(definition.States);
      this.machines.set(machine.arn, {
        machine,
        sm: engineFor(definition),
      });
    }
  }

  /**
   * Replays every execution that was running when the runtime last stopped, and answers once each
   * waits again under every token it had handed out (or has ended): a decision sent right after a
   * restart (the sweep delivering one a crash kept back) finds its step waiting, not yet replaying.
   */
  async resume(): Promise<number> {
    const resumed: ExecutionRecord[] = [];
    for (const file of readdirSync(this.dir).filter((f) => f.endsWith('.json'))) {
      const record = JSON.parse(readFileSync(path.join(this.dir, file), 'utf8')) as ExecutionRecord;
      this.executions.set(record.executionArn, record);
      if (record.status === 'RUNNING' && this.machines.has(record.stateMachineArn)) {
        this.run(record);
        resumed.push(record);
      }
    }
    const waitingAgain = (record: ExecutionRecord) =>
      record.status !== 'RUNNING' ||
      Object.values(record.steps).every(
        (step) =>
          step.token === undefined || 'result' in step || step.error !== undefined || this.waiting.has(step.token),
      );
    for (const deadline = Date.now() + 10_000; !resumed.every(waitingAgain) && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return resumed.length;
  }

  private persist(record: ExecutionRecord) {
    if (this.closing) return;
    const file = path.join(this.dir, `${encodeURIComponent(record.executionArn)}.json`);
    writeFileSync(`${file}.tmp`, JSON.stringify(record));
    renameSync(`${file}.tmp`, file);
  }

  private run(record: ExecutionRecord) {
    const entry = this.machines.get(record.stateMachineArn);
    if (!entry) throw new SfnError('StateMachineDoesNotExist', record.stateMachineArn);
    const definition = JSON.parse(entry.machine.definition) as { States: Record<string, AslState> };
    const entries = new Map<string, number>();
    const overrides: Record<string, (input: unknown) => Promise<unknown>> = {};

    for (const [state, spec] of taskStates(definition.States)) {
      const callback = String(spec.Resource).endsWith('.waitForTaskToken');
      // The engine may fail a state before awaiting the task's promise (a bad path, say); a
      // rejection nobody awaits must not take the whole runtime down with it.
      overrides[state] = (input) => {
        const running = runTask(input);
        running.catch(() => undefined);
        return running;
      };
      const runTask = async (input: unknown) => {
        if (this.closing) throw namedError('Local.ShuttingDown', 'the local runtime is stopping');
        const n = (entries.get(state) ?? 0) + 1;
        entries.set(state, n);
        const stepKey = `${state}#${n}`;
        record.steps[stepKey] ??= {};
        const step: StepRecord = record.steps[stepKey];
        if ('result' in step) return step.result;
        if (step.error) throw namedError(step.error.name, step.error.message);

        if (!callback) {
          const functionId = functionIdOf(spec.Resource);
          if (!functionId) throw namedError('States.Runtime', `Unsupported task resource ${spec.Resource}`);
          try {
            // Recorded as null when the function returns nothing, so a replay knows it ran.
            step.result = (await this.host.invoke(functionId, input)) ?? null;
          } catch (error) {
            step.error = { name: (error as Error).name || 'Error', message: (error as Error).message };
            this.persist(record);
            throw namedError(step.error.name, step.error.message);
          }
          this.persist(record);
          return step.result;
        }

        // A replayed step keeps its token (a decision may already be on its way with it) and runs
        // its function again: opening the same task under the same token changes nothing.
        step.token ??= `${randomUUID()}.${randomBytes(24).toString('base64url')}`;
        this.persist(record);
        const token = step.token;
        const outcome = new Promise<unknown>((resolve, reject) => {
          this.waiting.set(token, { executionArn: record.executionArn, stepKey, state, resolve, reject });
        });
        const { FunctionName, Payload } = input as { FunctionName: string; Payload: unknown };
        const functionId = functionIdOf(FunctionName) ?? FunctionName;
        const payload = JSON.parse(JSON.stringify(Payload).replaceAll(TOKEN_PLACEHOLDER, token));
        try {
          await this.host.invoke(functionId, payload);
        } catch (error) {
          // Settled meanwhile (the function itself handed back a decision recorded before a crash): that outcome stands.
          if (!this.waiting.has(token)) return outcome;
          this.waiting.delete(token);
          step.error = { name: (error as Error).name || 'Error', message: (error as Error).message };
          this.persist(record);
          throw namedError(step.error.name, step.error.message);
        }
        return outcome;
      };
    }

    const execution = entry.sm.run(JSON.parse(record.input), {
      overrides: { taskResourceLocalHandlers: overrides as Record<string, (input: JSONValue) => Promise<JSONValue>> },
      context: {
        Execution: { Id: record.executionArn, Name: record.name, Input: JSON.parse(record.input) },
        StateMachine: { Id: record.stateMachineArn },
        Task: { Token: TOKEN_PLACEHOLDER },
      },
    });

    // A callback entry that failed on the engine's side (its timeout) must never accept a decision later.
    const watch = (async () => {
      for await (const event of execution.eventLogs) {
        if (event.type === 'StateEntered') record.transitions = (record.transitions ?? 0) + 1;
        if (event.type !== 'StateFailed') continue;
        const failed = event as { state: { name: string }; Error: string; Cause: string };
        for (const [token, waiting] of this.waiting) {
          if (waiting.executionArn !== record.executionArn || waiting.state !== failed.state.name) continue;
          this.waiting.delete(token);
          const step = record.steps[waiting.stepKey];
          if (step && !('result' in step)) step.error = { name: failed.Error, message: String(failed.Cause) };
          this.persist(record);
        }
      }
    })().catch(() => undefined);

    const done = execution.result.then(
      (output) => {
        Object.assign(record, { status: 'SUCCEEDED', output: JSON.stringify(output ?? null), stopDate: Date.now() });
      },
      (error: Error) => {
        if (error instanceof ExecutionAbortedError) {
          Object.assign(record, { status: 'ABORTED', stopDate: Date.now() });
          return;
        }
        const cause = error as Error & { cause?: { name?: string; message?: string } };
        Object.assign(record, {
          status: 'FAILED',
          error: cause.cause?.name ?? error.name,
          cause: cause.cause?.message ?? error.message,
          stopDate: Date.now(),
        });
      },
    );
    this.running.set(record.executionArn, {
      abort: execution.abort,
      done: done.then(async () => {
        await watch;
        // A branch cut short (a Parallel that failed on its sibling) still waits: release it, as
        // Step Functions cancels it, so its token is dead and its timer cleared.
        for (const [token, waiting] of this.waiting) {
          if (waiting.executionArn !== record.executionArn) continue;
          this.waiting.delete(token);
          waiting.reject(namedError('States.Cancelled', 'the execution has ended'));
        }
        this.running.delete(record.executionArn);
        this.persist(record);
      }),
    });
  }

  /** Every execution this runtime knows, with the state transitions it has made. */
  transitions(): { executionArn: string; stateMachineArn: string; status: string; transitions: number }[] {
    return [...this.executions.values()].map((r) => ({
      executionArn: r.executionArn,
      stateMachineArn: r.stateMachineArn,
      status: r.status,
      transitions: r.transitions ?? 0,
    }));
  }

  startExecution(input: { stateMachineArn: string; name?: string; input?: string }) {
    const entry = this.machines.get(input.stateMachineArn);
    if (!entry) throw new SfnError('StateMachineDoesNotExist', `State machine ${input.stateMachineArn} does not exist`);
    const name = input.name ?? randomUUID();
    const executionArn = `${input.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
    const body = input.input ?? '{}';
    const existing = this.executions.get(executionArn);
    if (existing) {
      // Step Functions: the same name with the same input is idempotent while running.
      if (existing.input === body && existing.status === 'RUNNING') {
        return { executionArn, startDate: existing.startDate / 1000 };
      }
      throw new SfnError('ExecutionAlreadyExists', `Execution ${executionArn} already exists`);
    }
    try {
      JSON.parse(body);
    } catch {
      throw new SfnError('InvalidExecutionInput', 'Input is not JSON');
    }
    const record: ExecutionRecord = {
      executionArn,
      stateMachineArn: input.stateMachineArn,
      name,
      input: body,
      status: 'RUNNING',
      startDate: Date.now(),
      steps: {},
    };
    this.executions.set(executionArn, record);
    this.persist(record);
    this.run(record);
    return { executionArn, startDate: record.startDate / 1000 };
  }

  describeExecution({ executionArn }: { executionArn: string }) {
    const record = this.executions.get(executionArn);
    if (!record) throw new SfnError('ExecutionDoesNotExist', `Execution ${executionArn} does not exist`);
    return {
      executionArn,
      stateMachineArn: record.stateMachineArn,
      name: record.name,
      status: record.status,
      startDate: record.startDate / 1000,
      input: record.input,
      ...(record.stopDate ? { stopDate: record.stopDate / 1000 } : {}),
      ...(record.output !== undefined ? { output: record.output } : {}),
      ...(record.error !== undefined ? { error: record.error, cause: record.cause } : {}),
    };
  }

  private settleTask(token: string, settle: (waiting: Waiting, step: StepRecord) => void) {
    const waiting = this.waiting.get(token);
    if (!waiting) {
      const known = [...this.executions.values()].some((r) => Object.values(r.steps).some((s) => s.token === token));
      throw new SfnError(
        known ? 'TaskTimedOut' : 'InvalidToken',
        known ? 'Task is no longer waiting' : 'Invalid token',
      );
    }
    this.waiting.delete(token);
    const record = this.executions.get(waiting.executionArn);
    const step = record?.steps[waiting.stepKey];
    if (!record || !step) throw new SfnError('InvalidToken', 'Invalid token');
    settle(waiting, step);
    this.persist(record);
  }

  sendTaskSuccess({ taskToken, output }: { taskToken: string; output: string }) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(output);
    } catch {
      throw new SfnError('InvalidOutput', 'Output is not JSON');
    }
    this.settleTask(taskToken, (waiting, step) => {
      step.result = parsed;
      waiting.resolve(parsed);
    });
    return {};
  }

  sendTaskFailure({ taskToken, error, cause }: { taskToken: string; error?: string; cause?: string }) {
    this.settleTask(taskToken, (waiting, step) => {
      step.error = { name: error ?? 'TaskFailed', message: cause ?? '' };
      waiting.reject(namedError(step.error.name, step.error.message));
    });
    return {};
  }

  stopExecution({ executionArn }: { executionArn: string }) {
    const running = this.running.get(executionArn);
    if (!running) throw new SfnError('ExecutionDoesNotExist', `Execution ${executionArn} is not running`);
    running.abort();
    return { stopDate: Date.now() / 1000 };
  }

  /**
   * Stops every execution without recording it stopped: their records stay RUNNING and resume
   * on the next start. Waiting callbacks are released so the engine's timers are cleared and
   * the process can exit.
   */
  close() {
    this.closing = true;
    for (const { abort } of this.running.values()) abort();
    for (const [token, waiting] of this.waiting) {
      this.waiting.delete(token);
      waiting.reject(namedError('Local.ShuttingDown', 'the local runtime is stopping'));
    }
  }
}

const OPERATIONS = [
  'StartExecution',
  'DescribeExecution',
  'SendTaskSuccess',
  'SendTaskFailure',
  'StopExecution',
] as const;

/** The Step Functions JSON 1.0 protocol over HTTP, for the SDK's SFNClient. */
export const startStepFunctionsEndpoint = async (sfn: StepFunctionsLocal, port: number) => {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const operation = String(req.headers['x-amz-target'] ?? '').replace(/^AWSStepFunctions\./, '');
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify(body));
      };
      try {
        const input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
        if (!(OPERATIONS as readonly string[]).includes(operation)) {
          return reply(400, { __type: 'UnknownOperationException', message: `${operation} is not emulated locally` });
        }
        const method = (operation.charAt(0).toLowerCase() + operation.slice(1)) as
          | 'startExecution'
          | 'describeExecution'
          | 'sendTaskSuccess'
          | 'sendTaskFailure'
          | 'stopExecution';
        reply(200, sfn[method](input));
      } catch (error) {
        if (error instanceof SfnError) return reply(400, { __type: error.type, message: error.message });
        console.error('[sfn] unexpected failure', error);
        reply(500, { __type: 'InternalFailure', message: 'Internal failure' });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return { server, endpoint: `http://127.0.0.1:${port}` };
};
