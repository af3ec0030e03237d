import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS, type LocalRuntime } from '#infra/local/runtime.ts';
import { ProjectInputSchema } from '#shared/domain/project.schema.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { createProject } from '#shared/use-cases/projects/create-project.ts';
import { pacer, runSweep, SWEEP_CHANGES_PER_SECOND, SWEEP_CONCURRENCY } from '#shared/use-cases/sweeps/run-sweep.ts';
import { allDeps } from '../support/all-deps.ts';
import { projectBody } from '../support/project-body.ts';
import { DUTY_KINDS, deletes, dutyItem, puts, writeItems } from './duties.ts';
import { itemBytes } from './instruments.ts';
import { median } from './stats.ts';

const LATE = 1_000;
const ROUNDS = 5;
const AS_OF = '2030-01-01';
const DEPT = 'bench-sweep-write';

type Item = Record<string, unknown>;
type TransactItems = Item[];

/**
 * The floor's copy of a transaction the sweep wrote: the same items under keys of their own (so the
 * writes land on fresh items of the same sizes, in the same index partitions), keeping the
 * conditions that hold there (`attribute_not_exists`) and leaving out those that need the sweep's
 * state (the project's version, the duty being open and unfound).
 */
const floorCopy = (items: TransactItems, round: number): TransactItems =>
  items.map((entry) => {
    const [action, spec] = Object.entries(entry)[0] as [string, Item];
    const rename = (key: Item) => ({ ...key, PK: `FLOOR#${round}#${String(key.PK)}` });
    const copy: Item = { ...spec };
    if (copy.Item) copy.Item = rename(copy.Item as Item);
    if (copy.Key) copy.Key = rename(copy.Key as Item);
    if (copy.ConditionExpression !== 'attribute_not_exists(PK)') delete copy.ConditionExpression;
    // Only the placeholders the remaining expressions use may stay.
    const used = `${String(copy.UpdateExpression ?? '')} ${String(copy.ConditionExpression ?? '')}`;
    for (const field of ['ExpressionAttributeValues', 'ExpressionAttributeNames'] as const) {
      const kept = Object.entries((copy[field] ?? {}) as Item).filter(([name]) => used.includes(name));
      if (kept.length > 0) copy[field] = Object.fromEntries(kept);
      else delete copy[field];
    }
    return { [action]: copy };
  });

/** Runs `work` on each item with at most `limit` at once. */
const pool = async <T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
};

/**
 * Issue #13 target 3, the sweep's write path: 1,000 projects with one late duty each, of every kind
 * in the obligation catalogue, swept in one run, against its floor: the very transactions that run
 * wrote, sent again as bare TransactWriteItems (fresh keys, same items and sizes, same concurrency)
 * in the same run. Each round restores the table (the projects and duties as seeded, nothing the
 * sweep wrote) before the next.
 */
export const benchSweepWrite = async (runtime: LocalRuntime) => {
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: runtime.endpoints.dynamodb, region: 'cn-north-1', credentials: LOCAL_CREDENTIALS }),
  );
  const table = runtime.tableName;
  const deps = allDeps({ TABLE_NAME: table, BUCKET_NAME: runtime.bucketName });

  // One real project, as the API creates it; the others are copies of it under their own ids.
  const owner: Actor = { sub: 'bench', name: 'bench', deptId: DEPT, roles: ['dept-staff'] };
  const body = ProjectInputSchema.parse(projectBody({ name: 'bench sweep write' }));
  const model = await createProject({ actor: owner, body, idempotencyKey: undefined }, deps);
  const { Item: template } = await db.send(
    new GetCommand({ TableName: table, Key: { PK: `PROJECT#${model.id}`, SK: 'META' }, ConsistentRead: true }),
  );
  if (!template) throw new Error('the model project was not written');
  const seeded: Item[] = [];
  for (let i = 0; i < LATE; i++) {
    const id = `bench-w-${String(i).padStart(5, '0')}`;
    const recency = `${String(template.updatedAt)}#${id}`;
    seeded.push({
      ...template,
      PK: `PROJECT#${id}`,
      id,
      code: `LC-2026-B${i}`,
      GSI1SK: recency,
      GSI2SK: recency,
      GSI6SK: recency,
    });
    const kind = DUTY_KINDS[i % DUTY_KINDS.length];
    if (kind) seeded.push(dutyItem(id, DEPT, kind, '2029-06-30'));
  }
  const seededKeys = new Set(seeded.map((item) => `${String(item.PK)}|${String(item.SK)}`));
  await writeItems(db, table, puts(seeded));

  // What the sweep writes, captured at the repositories' client as it sends it.
  const { dynamo } = await import('#shared/store/clients.ts');
  let captured: TransactItems[] | undefined;
  dynamo().middlewareStack.add(
    (next, context) => async (args) => {
      if (captured && context.commandName === 'TransactWriteItemsCommand') {
        captured.push(structuredClone((args.input as { TransactItems: TransactItems }).TransactItems));
      }
      return next(args);
    },
    { step: 'initialize', priority: 'high', name: 'benchSweepCapture' },
  );

  const restore = async (written: TransactItems[]) => {
    const created = written
      .flat()
      .map((entry) => Object.values(entry)[0] as Item)
      .map((spec) => (spec.Item ?? spec.Key) as Item)
      .filter((key) => !seededKeys.has(`${String(key.PK)}|${String(key.SK)}`));
    await writeItems(db, table, deletes(created));
    await writeItems(db, table, puts(seeded));
  };

  const rounds: {
    sweep: number;
    unpaced: number;
    floor: number;
    unpacedFloor: number;
    opened: number;
    transactions: number;
  }[] = [];
  let sample: TransactItems[] = [];
  for (let round = 0; round <= ROUNDS; round++) {
    // The sweep without its rate bound: what its own reads and work add to the writes.
    captured = [];
    const unpacedStarted = process.hrtime.bigint();
    await runSweep({ asOf: AS_OF, changesPerSecond: Number.POSITIVE_INFINITY }, deps);
    const unpacedMs = Number(process.hrtime.bigint() - unpacedStarted) / 1e6;
    await restore(captured);
    // The sweep as deployed.
    captured = [];
    const started = process.hrtime.bigint();
    await runSweep({ asOf: AS_OF }, deps);
    const sweepMs = Number(process.hrtime.bigint() - started) / 1e6;
    const written = captured;
    captured = undefined;
    // The floor, under the same bounds as the sweep (4 in flight, 150 begun a second), and without
    // the rate bound, beside the sweep without it.
    const sendAll = async (copies: TransactItems[], pace: () => Promise<void>) => {
      const floorStarted = process.hrtime.bigint();
      await pool(copies, SWEEP_CONCURRENCY, async (TransactItems) => {
        await pace();
        await db.send(new TransactWriteCommand({ TransactItems }));
      });
      return Number(process.hrtime.bigint() - floorStarted) / 1e6;
    };
    const copies = written.map((items) => floorCopy(items, round));
    const floorMs = await sendAll(copies, pacer(SWEEP_CHANGES_PER_SECOND));
    const unpacedCopies = written.map((items) => floorCopy(items, round + 1000));
    const unpacedFloorMs = await sendAll(unpacedCopies, async () => undefined);
    await restore(written);
    await writeItems(
      db,
      table,
      deletes(
        [...copies, ...unpacedCopies]
          .flat()
          .map((entry) => ((Object.values(entry)[0] as Item).Item ?? (Object.values(entry)[0] as Item).Key) as Item),
      ),
    );
    // Round 0 warms the JIT and DynamoDB Local for both; it is not counted.
    if (round > 0)
      rounds.push({
        sweep: sweepMs,
        unpaced: unpacedMs,
        floor: floorMs,
        unpacedFloor: unpacedFloorMs,
        // Findings opened on the bench's own projects (other benches' data may hold late duties too).
        opened: new Set(
          written
            .flat()
            .map((entry) => (entry.Put as { Item?: Item } | undefined)?.Item)
            .filter((item) => item?.type === 'finding' && String(item.projectId).startsWith('bench-w-'))
            .map((item) => String(item?.id)),
        ).size,
        transactions: written.length,
      });
    sample = written;
  }

  const ratio = median(rounds.map((r) => r.sweep / r.floor));
  const unpacedRatio = median(rounds.map((r) => r.unpaced / r.unpacedFloor));
  const boundCost = median(rounds.map((r) => r.sweep / r.unpacedFloor));
  const opened = rounds[0]?.opened ?? 0;
  // Write units one finding costs on the hottest partitions: the project's entry moves (out and in)
  // in the by-type index (one partition key for the county) and in the by-stage index.
  const projectPut = sample
    .flat()
    .find((entry) => ((entry.Put as Item | undefined)?.Item as Item | undefined)?.SK === 'META');
  const projectKb = projectPut ? Math.ceil(itemBytes((projectPut.Put as { Item: Item }).Item) / 1024) : 0;
  const hotUnits = 2 * projectKb;
  console.log(
    `\nThe sweep's write path, issue #13 target 3: ${LATE} late duties on ${LATE} projects, every kind in the catalogue, one sweep; median of ${ROUNDS} rounds after a warm-up.`,
  );
  console.log(
    `  Floor: the very transactions the sweep wrote, sent again as bare TransactWriteItems (fresh keys, same items), ${SWEEP_CONCURRENCY} at once, under the sweep's rate bound and without it.`,
  );
  for (const [i, r] of rounds.entries()) {
    console.log(
      `  round ${i + 1}: sweep ${r.sweep.toFixed(0)} ms, floor ${r.floor.toFixed(0)} ms (${r.opened} findings, ${r.transactions} transactions); without the rate bound: sweep ${r.unpaced.toFixed(0)} ms, floor ${r.unpacedFloor.toFixed(0)} ms`,
    );
  }
  console.log(
    `  ratio ×${ratio.toFixed(2)} the floor under the same bounds, ×${unpacedRatio.toFixed(2)} without the rate bound (target ≤ 1.5: ${ratio <= 1.5 ? 'met' : 'MISSED'}, ${unpacedRatio <= 1.5 ? 'met' : 'MISSED'}); every late duty found once: ${opened === LATE ? 'yes' : `NO (${opened})`}`,
  );
  console.log(
    `  the rate bound's own cost here: the sweep as deployed takes ×${boundCost.toFixed(2)} the unbounded floor, because DynamoDB Local writes faster than the ${SWEEP_CHANGES_PER_SECOND} a second the bound allows, which DynamoDB's index partitions need (below)`,
  );
  console.log(
    `  bounds: ${SWEEP_CONCURRENCY} changes in flight, at most ${SWEEP_CHANGES_PER_SECOND} begun per second (${(LATE / SWEEP_CHANGES_PER_SECOND).toFixed(1)} s for ${LATE} at least). One finding writes ${hotUnits} WCU on each hottest partition (the ${projectKb} KB project item out of and into the by-type index's one "PROJECT" key, and its stage's key): ${SWEEP_CHANGES_PER_SECOND} a second is ${SWEEP_CHANGES_PER_SECOND * hotUnits} of the 1,000 WCU/s a partition takes`,
  );
  return { ratio, unpacedRatio, boundCost, concurrency: SWEEP_CONCURRENCY, hotUnits };
};
