import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DeleteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS, type LocalRuntime } from '#infra/local/runtime.ts';
import type { Obligation } from '#shared/domain/obligation.ts';
import { ProjectInputSchema } from '#shared/domain/project.schema.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { shardOf } from '#shared/store/obligation-repository.ts';
import { createProject } from '#shared/use-cases/projects/create-project.ts';
import { runSweep } from '#shared/use-cases/sweeps/run-sweep.ts';
import { allDeps } from '../support/all-deps.ts';
import { projectBody } from '../support/project-body.ts';
import { median } from './stats.ts';

const DUE = 100;
const ROUNDS = 3;
const AS_OF = '2026-12-01';

const obligation = (projectId: string, dueDate: string, key: string): Obligation & Record<string, unknown> => ({
  PK: `PROJECT#${projectId}`,
  SK: `DUE#ART14-BUDGET-FILING#${key}`,
  type: 'obligation',
  projectId,
  ownerDeptId: 'bench',
  code: 'ART14-BUDGET-FILING',
  key,
  description: 'bench',
  dueDate,
  dueBasis: { from: '2026-11-01', amount: 3, unit: 'working-days' },
  provisional: false,
  status: 'open',
  createdAt: '2026-11-01T00:00:00.000Z',
  settledAt: null,
  settledBy: null,
  waiverReason: null,
  foundAt: null,
  GSI4PK: `DUE#${shardOf(projectId)}`,
  GSI4SK: `${dueDate}#${projectId}#ART14-BUDGET-FILING#${key}`,
});

/**
 * Projects in the table, each with an open obligation that is not yet due (the realistic case:
 * every project has some duty pending), written in parallel batches.
 */
const seedProjects = async (db: DynamoDBDocumentClient, table: string, from: number, to: number) => {
  const items: Record<string, unknown>[] = [];
  for (let i = from; i < to; i++) {
    const id = `bench-${String(i).padStart(6, '0')}`;
    items.push({ PK: `PROJECT#${id}`, SK: 'META', type: 'project', id, ownerDeptId: 'bench', stage: 'approved' });
    items.push(obligation(id, '2027-06-30', 'future'));
  }
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < batches.length) {
        const batch = batches[next++] ?? [];
        let request: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> | undefined = {
          [table]: batch.map((Item) => ({ PutRequest: { Item } })),
        };
        while (request && Object.keys(request).length > 0) {
          const result = await db.send(new BatchWriteCommand({ RequestItems: request }));
          request = result.UnprocessedItems as typeof request;
        }
      }
    }),
  );
};

/**
 * The sweep over 1,000 and over 100,000 projects with the same 100 obligations due, timed in
 * the same run: its work must follow what is due, not the size of the county's register.
 */
export const benchSweepScale = async (runtime: LocalRuntime) => {
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: runtime.endpoints.dynamodb, region: 'cn-north-1', credentials: LOCAL_CREDENTIALS }),
  );
  const table = runtime.tableName;
  const deps = allDeps({ TABLE_NAME: table, BUCKET_NAME: runtime.bucketName });

  // The projects with a late duty are real ones: the sweep writes each finding on their audit trail.
  const owner: Actor = { sub: 'bench', name: 'bench', deptId: 'bench', roles: ['dept-staff'] };
  const dueProjects: string[] = [];
  for (let i = 0; i < DUE; i++) {
    const body = ProjectInputSchema.parse(projectBody({ name: `bench ${i}` }));
    dueProjects.push((await createProject({ actor: owner, body, idempotencyKey: undefined }, deps)).id);
  }
  const measure = async () => {
    const times: number[] = [];
    let items = 0;
    let opened = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const started = process.hrtime.bigint();
      const summary = await runSweep({ asOf: AS_OF }, deps);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
      items = summary.itemsRead;
      opened = summary.opened;
      // Reset: the next round must do the same work (open the same 100 findings).
      await Promise.all(
        dueProjects.flatMap((id) => [
          db.send(
            new DeleteCommand({
              TableName: table,
              Key: { PK: `PROJECT#${id}`, SK: 'FINDING#ART14-BUDGET-FILING#due' },
            }),
          ),
          db.send(new PutCommand({ TableName: table, Item: obligation(id, '2026-11-20', 'due') })),
        ]),
      );
    }
    return { ms: median(times), items, opened };
  };

  const seedStarted = Date.now();
  await seedProjects(db, table, 0, 1_000);
  await db.send(
    new BatchWriteCommand({
      RequestItems: {
        [table]: dueProjects.slice(0, 25).map((id) => ({ PutRequest: { Item: obligation(id, '2026-11-20', 'due') } })),
      },
    }),
  );
  for (let i = 25; i < DUE; i += 25) {
    await db.send(
      new BatchWriteCommand({
        RequestItems: {
          [table]: dueProjects
            .slice(i, i + 25)
            .map((id) => ({ PutRequest: { Item: obligation(id, '2026-11-20', 'due') } })),
        },
      }),
    );
  }
  await measure(); // warm-up: the first sweeps pay for JIT compilation, not for the table's size
  const small = await measure();
  await seedProjects(db, table, 1_000, 100_000);
  const seedSeconds = (Date.now() - seedStarted) / 1000;
  const large = await measure();

  const ratio = large.ms / small.ms;
  console.log(
    `\nSweep scale (same ${DUE} obligations due; every project also has one open obligation not yet due; median of ${ROUNDS}):`,
  );
  console.log(
    `  1,000 projects    ${small.ms.toFixed(1)} ms  items read ${small.items}  findings opened ${small.opened}`,
  );
  console.log(
    `  100,000 projects  ${large.ms.toFixed(1)} ms  items read ${large.items}  findings opened ${large.opened}`,
  );
  console.log(
    `  ratio ×${ratio.toFixed(2)} (target ≤ 1.5 ${ratio <= 1.5 ? 'met' : 'MISSED'}); seeding took ${seedSeconds.toFixed(0)} s`,
  );
};
