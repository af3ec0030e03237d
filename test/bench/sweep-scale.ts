import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS, type LocalRuntime } from '#infra/local/runtime.ts';
import { ProjectInputSchema } from '#shared/domain/project.schema.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { createProject } from '#shared/use-cases/projects/create-project.ts';
import { runSweep } from '#shared/use-cases/sweeps/run-sweep.ts';
import { allDeps } from '../support/all-deps.ts';
import { projectBody } from '../support/project-body.ts';
import { DUTY_KINDS, dutyItem, puts, writeItems } from './duties.ts';
import { median } from './stats.ts';

const DUE = 100;
const ROUNDS = 7;
const AS_OF = '2026-12-01';

/** The due duty of the i-th due project: every kind in the catalogue, in turn. */
const dueKind = (i: number) =>
  DUTY_KINDS[i % DUTY_KINDS.length] ?? { code: 'ART14-BUDGET-FILING' as const, key: 'due' };
const obligation = (projectId: string, dueDate: string, kind: (typeof DUTY_KINDS)[number]) =>
  dutyItem(projectId, 'bench', kind, dueDate);

/**
 * Projects in the table, each with an open obligation that is not yet due (the realistic case:
 * every project has some duty pending).
 */
const seedProjects = async (db: DynamoDBDocumentClient, table: string, from: number, to: number) => {
  const items: Record<string, unknown>[] = [];
  for (let i = from; i < to; i++) {
    const id = `bench-${String(i).padStart(6, '0')}`;
    items.push({ PK: `PROJECT#${id}`, SK: 'META', type: 'project', id, ownerDeptId: 'bench', stage: 'approved' });
    items.push(obligation(id, '2031-06-30', { code: 'ART14-BUDGET-FILING', key: 'future' }));
  }
  await writeItems(db, table, puts(items));
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
      // Without its rate bound (150 changes a second): the time is then the sweep's own work.
      const summary = await runSweep({ asOf: AS_OF, changesPerSecond: Number.POSITIVE_INFINITY }, deps);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
      items = summary.itemsRead;
      opened = summary.opened;
      // Reset: the next round must do the same work (open the same findings, holds and next year's duties).
      await writeItems(
        db,
        table,
        dueProjects.flatMap((id, i) => {
          const kind = dueKind(i);
          const pk = `PROJECT#${id}`;
          return [
            { DeleteRequest: { Key: { PK: pk, SK: `FINDING#${kind.code}#${kind.key}` } } },
            { DeleteRequest: { Key: { PK: pk, SK: `HOLD#${kind.code}#${kind.key}` } } },
            ...(kind.code === 'ART07-OM-FUNDING'
              ? [{ DeleteRequest: { Key: { PK: pk, SK: `DUE#${kind.code}#om-2027` } } }]
              : []),
          ];
        }),
      );
      await writeItems(db, table, puts(dueProjects.map((id, i) => obligation(id, '2026-11-20', dueKind(i)))));
    }
    return { ms: median(times), items, opened };
  };

  const seedStarted = Date.now();
  await seedProjects(db, table, 0, 1_000);
  await writeItems(db, table, puts(dueProjects.map((id, i) => obligation(id, '2026-11-20', dueKind(i)))));
  await measure(); // warm-up: the first sweeps pay for JIT compilation, not for the table's size
  const small = await measure();
  await seedProjects(db, table, 1_000, 100_000);
  const seedSeconds = (Date.now() - seedStarted) / 1000;
  const large = await measure();

  const ratio = large.ms / small.ms;
  console.log(
    `\nSweep scale (the same ${DUE} duties due, every kind in the catalogue in turn; every project also has one open duty not yet due; median of ${ROUNDS}):`,
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
