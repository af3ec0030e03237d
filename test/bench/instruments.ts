import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { currentInvocation, type LambdaHost, type Ran } from '#infra/local/lambda-host.ts';
import { LOCAL_CREDENTIALS, type LocalRuntime } from '#infra/local/runtime.ts';
import { INDEXES } from '#shared/store/table-layout.ts';

/**
 * What the bench counts, per invocation of a template function: every DynamoDB call the
 * repositories make through the one document client (shared/store/clients.ts), every S3 call
 * through the one S3 client (shared/store/document-objects.ts), and every invocation with how
 * long it ran. Enabled only by the bench: it adds middleware to those clients and an observer to
 * the local Lambda host, and attributes work with the host's `currentInvocation`.
 */

type Item = Record<string, unknown>;

/** One DynamoDB call as the client sent it: retries are the SDK's own re-sends of the same call. */
export interface DynamoCall {
  readonly invocation: string | undefined;
  readonly functionId: string | undefined;
  readonly command: string;
  readonly retries: number;
  readonly itemsRead: number;
  readonly itemsWritten: number;
  /** Read request units: DynamoDB Local's consumed capacity, which counts them as DynamoDB does. */
  readonly rru: number;
  /** Write request units to the table and to each index an item enters, leaves or changes in. */
  readonly wru: number;
  readonly failed: boolean;
}

export interface S3Call {
  readonly invocation: string | undefined;
  readonly command: string;
}

/**
 * Size of an item as DynamoDB bills it (developer guide, item sizes): each attribute's name and
 * value in bytes; a number about one byte per two digits plus one; a list or map three bytes plus
 * one per element. Sized from the document client's plain values, as it marshals them.
 */
export const itemBytes = (item: Item): number => {
  const valueBytes = (value: unknown): number => {
    if (typeof value === 'string') return Buffer.byteLength(value);
    if (typeof value === 'number' || typeof value === 'bigint') {
      const digits = String(value)
        .replace(/^-|\.|e.*$/gi, '')
        .replace(/^0+/, '');
      return Math.ceil(digits.length / 2) + 1;
    }
    if (typeof value === 'boolean' || value === null) return 1;
    if (value instanceof Uint8Array) return value.length;
    if (value instanceof Set) return [...value].reduce((sum: number, v) => sum + valueBytes(v), 0);
    if (Array.isArray(value)) return 3 + value.reduce((sum: number, v) => sum + 1 + valueBytes(v), 0);
    if (typeof value === 'object')
      return (
        3 +
        Object.entries(value as Item)
          .filter(([, v]) => v !== undefined)
          .reduce((sum, [k, v]) => sum + 1 + Buffer.byteLength(k) + valueBytes(v), 0)
      );
    return 0;
  };
  return Object.entries(item)
    .filter(([, v]) => v !== undefined)
    .reduce((sum, [k, v]) => sum + Buffer.byteLength(k) + valueBytes(v), 0);
};

const KB = 1024;
const writeUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / KB));

/**
 * Index writes of one item's change, per index (developer guide, GSI write capacity): an item
 * entering or leaving an index is one write, a change of its index key two (out and in), any
 * other change to a projected attribute (every index projects ALL) one.
 */
const indexWriteUnits = (before: Item | undefined, after: Item | undefined): number => {
  let units = 0;
  for (const index of Object.values(INDEXES)) {
    const keyOf = (item: Item | undefined) =>
      item && item[index.pk] !== undefined && item[index.sk] !== undefined
        ? `${String(item[index.pk])}\u0000${String(item[index.sk])}`
        : undefined;
    const was = keyOf(before);
    const is = keyOf(after);
    const sizeBefore = before ? itemBytes(before) : 0;
    const sizeAfter = after ? itemBytes(after) : 0;
    if (was === undefined && is !== undefined) units += writeUnits(sizeAfter);
    else if (was !== undefined && is === undefined) units += writeUnits(sizeBefore);
    else if (was !== undefined && is !== undefined) {
      if (was !== is) units += writeUnits(sizeBefore) + writeUnits(sizeAfter);
      else if (JSON.stringify(before) !== JSON.stringify(after)) units += writeUnits(sizeAfter);
    }
  }
  return units;
};

type Key = { TableName: string; Key: Item };

/** The items a write names, by table and key: what the bench reads before and after to size it. Command names are the base client's. */
const writtenKeys = (command: string, input: Item): { keys: Key[]; transactional: boolean } => {
  const keyOf = (table: string, item: Item): Key => ({ TableName: table, Key: { PK: item.PK, SK: item.SK } });
  if (command === 'PutItemCommand')
    return { keys: [keyOf(String(input.TableName), input.Item as Item)], transactional: false };
  if (command === 'UpdateItemCommand' || command === 'DeleteItemCommand')
    return { keys: [keyOf(String(input.TableName), input.Key as Item)], transactional: false };
  if (command === 'TransactWriteItemsCommand') {
    const keys = (input.TransactItems as Item[]).flatMap((entry) => {
      const put = entry.Put as Item | undefined;
      const other = (entry.Update ?? entry.Delete) as Item | undefined;
      if (put) return [keyOf(String(put.TableName), put.Item as Item)];
      if (other) return [keyOf(String(other.TableName), other.Key as Item)];
      return [];
    });
    return { keys, transactional: true };
  }
  if (command === 'BatchWriteItemCommand') {
    const keys = Object.entries(input.RequestItems as Record<string, Item[]>).flatMap(([table, requests]) =>
      requests.map((r) =>
        keyOf(table, ((r.PutRequest as Item | undefined)?.Item ?? (r.DeleteRequest as Item).Key) as Item),
      ),
    );
    return { keys, transactional: false };
  }
  return { keys: [], transactional: false };
};

const itemsReadOf = (command: string, output: Item | undefined): number => {
  if (!output) return 0;
  if (command === 'GetItemCommand') return output.Item ? 1 : 0;
  if (command === 'QueryCommand' || command === 'ScanCommand') return Number(output.Count ?? 0);
  if (command === 'BatchGetItemCommand')
    return Object.values((output.Responses ?? {}) as Record<string, unknown[]>).reduce((n, r) => n + r.length, 0);
  return 0;
};

const readUnitsOf = (output: Item | undefined): number => {
  const consumed = output?.ConsumedCapacity as { CapacityUnits?: number } | { CapacityUnits?: number }[] | undefined;
  if (!consumed) return 0;
  return (Array.isArray(consumed) ? consumed : [consumed]).reduce((n, c) => n + (c.CapacityUnits ?? 0), 0);
};

const READS = new Set(['GetItemCommand', 'QueryCommand', 'BatchGetItemCommand', 'ScanCommand']);

export interface Instruments {
  readonly dynamo: DynamoCall[];
  readonly s3: S3Call[];
  readonly invocations: Ran[];
  /** Time the bench itself spent inside an invocation (sizing writes), to take off its duration. */
  readonly overheadMs: Map<string, number>;
  /** Stops counting (the middleware stays, idle). */
  stop(): void;
}

/**
 * Starts counting. The shared clients are imported here, after the runtime has set the endpoints
 * and credentials they read at creation.
 */
export const instrument = async (runtime: LocalRuntime, host: LambdaHost): Promise<Instruments> => {
  const { dynamo } = await import('#shared/store/clients.ts');
  const { s3 } = await import('#shared/store/document-objects.ts');
  // An uninstrumented client of its own reads each written item before and after, to size the write.
  const probe = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: runtime.endpoints.dynamodb, region: 'cn-north-1', credentials: LOCAL_CREDENTIALS }),
  );
  const images = async (keys: Key[], requestId: string | undefined) => {
    const started = performance.now();
    const found = await Promise.all(
      keys.map(
        async ({ TableName, Key }) => (await probe.send(new GetCommand({ TableName, Key, ConsistentRead: true }))).Item,
      ),
    );
    if (requestId)
      state.overheadMs.set(requestId, (state.overheadMs.get(requestId) ?? 0) + performance.now() - started);
    return found;
  };

  const state: Instruments & { on: boolean } = {
    on: true,
    dynamo: [],
    s3: [],
    invocations: [],
    overheadMs: new Map(),
    stop() {
      state.on = false;
    },
  };
  host.observe((ran) => {
    if (state.on) state.invocations.push(ran);
  });

  dynamo().middlewareStack.add(
    (next, context) => async (args) => {
      if (!state.on) return next(args);
      const invocation = currentInvocation.getStore();
      const command = context.commandName ?? 'unknown';
      const input = args.input as Item;
      const reading = READS.has(command);
      const { keys, transactional } = writtenKeys(command, input);
      const before = await images(keys, invocation?.requestId);
      let output: Item | undefined;
      let attempts = 1;
      let failed = false;
      try {
        const result = await next(reading ? { ...args, input: { ...input, ReturnConsumedCapacity: 'TOTAL' } } : args);
        output = result.output as Item;
        attempts = (output.$metadata as { attempts?: number } | undefined)?.attempts ?? 1;
        return result;
      } catch (error) {
        failed = true;
        attempts = (error as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? 1;
        throw error;
      } finally {
        let wru = 0;
        if (!failed && keys.length > 0) {
          const after = await images(keys, invocation?.requestId);
          keys.forEach((_, i) => {
            const was = before[i];
            const is = after[i];
            const size = Math.max(was ? itemBytes(was) : 0, is ? itemBytes(is) : 0);
            wru += writeUnits(size) * (transactional ? 2 : 1) + indexWriteUnits(was, is);
          });
        }
        state.dynamo.push({
          invocation: invocation?.requestId,
          functionId: invocation?.functionId,
          command,
          retries: attempts - 1,
          itemsRead: itemsReadOf(command, output),
          itemsWritten: failed ? 0 : keys.length,
          rru: readUnitsOf(output),
          wru,
          failed,
        });
      }
    },
    { step: 'initialize', priority: 'high', name: 'benchDynamoCounter' },
  );

  s3.middlewareStack.add(
    (next, context) => async (args) => {
      if (state.on) {
        state.s3.push({
          invocation: currentInvocation.getStore()?.requestId,
          command: context.commandName ?? 'unknown',
        });
      }
      return next(args);
    },
    // At the last step before the request is sent: presigning a URL runs the steps above it and
    // sends nothing, so it is not counted.
    { step: 'deserialize', name: 'benchS3Counter' },
  );
  return state;
};
