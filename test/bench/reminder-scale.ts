import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS, type LocalRuntime } from '#infra/local/runtime.ts';
import { addCalendarDays, type CalendarYear } from '#shared/domain/calendar.ts';
import { DEFAULT_POLICY } from '#shared/domain/policy.ts';
import { reminderWindow } from '#shared/domain/reminders.ts';
import { officialYear } from '#shared/store/calendar-repository.ts';
import { obligationRepository } from '#shared/store/obligation-repository.ts';
import { projectItem } from '#shared/store/project-repository.ts';
import { sendReminders } from '#shared/use-cases/reminders/send-reminders.ts';
import { allDeps } from '../support/all-deps.ts';
import { storedProject } from '../support/in-memory-ports.ts';
import { DUTY_KINDS, deletes, dutyItem, puts, writeItems } from './duties.ts';
import { median } from './stats.ts';

const IN_WINDOW = 1_000;
const DEPARTMENTS = 100;
const SMALL = 1_000;
/** `BENCH_REMINDER_PROJECTS=20000` runs the large scale smaller on a loaded machine (the report says which). */
const LARGE = Number(process.env.BENCH_REMINDER_PROJECTS ?? 100_000);
/** Measured runs at each scale, after one warm-up run of each that is not counted. */
const ROUNDS = Number(process.env.BENCH_REMINDER_ROUNDS ?? 5);
/** The bare index query is cheap: timed more often, so its median is not one run's noise. */
const QUERY_ROUNDS = 21;
/** A Monday of the official 2026 calendar; its window runs to the 5th working day after it. */
const AS_OF = '2026-11-30';
/** Projects written in one slice of batch writes: the items of a slice are built just before they are sent. */
const SEED_SLICE = 10_000;

const projectId = (i: number) => `remind-${String(i).padStart(6, '0')}`;
const deptOf = (i: number) => `dept-${i % DEPARTMENTS}`;

/**
 * The i-th project as the project repository stores it (its own item builder, with every index
 * key a real approved project carries), and one open duty outside the window: most not yet due,
 * one in ten long late and announced in some earlier month. What a morning must not read.
 */
const projectItems = (i: number): Record<string, unknown>[] => {
  const year = 2024 + (i % 3);
  const id = projectId(i);
  const project = storedProject({
    id,
    code: `LC-${year}-${String(i).padStart(6, '0')}`,
    year,
    ownerDeptId: deptOf(i),
    stage: 'approved',
    approvedOn: `${year}-03-02`,
    version: 3,
  });
  const dueDate = i % 10 === 0 ? '2025-03-14' : '2031-06-30';
  return [projectItem(project), dutyItem(id, deptOf(i), { code: 'ART14-BUDGET-FILING', key: 'outside' }, dueDate)];
};

/** The window's duties: every kind in turn, over a hundred departments, due on every day of the window and the days it looks back over. */
const windowDuties = (from: string, through: string) => {
  const days: string[] = [];
  for (let day = from; day <= through; day = addCalendarDays(day, 1)) days.push(day);
  return Array.from({ length: IN_WINDOW }, (_, i) =>
    dutyItem(
      projectId(i),
      deptOf(i),
      DUTY_KINDS[i % DUTY_KINDS.length] ?? { code: 'ART14-BUDGET-FILING', key: 'due' },
      days[i % days.length] ?? from,
    ),
  );
};

/** A table of the runtime's layout (its keys and every index), empty, for one scale of the bench. */
const copyTable = async (client: DynamoDBClient, from: string, name: string) => {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: from }));
  if (!Table?.KeySchema || !Table.AttributeDefinitions) throw new Error(`The table ${from} has no layout`);
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: Table.KeySchema,
      AttributeDefinitions: Table.AttributeDefinitions,
      GlobalSecondaryIndexes: (Table.GlobalSecondaryIndexes ?? []).map((index) => ({
        IndexName: index.IndexName,
        KeySchema: index.KeySchema,
        Projection: index.Projection,
      })),
    }),
  );
  await waitUntilTableExists({ client, maxWaitTime: 60 }, { TableName: name });
};

/**
 * The morning's reminders over 1,000 and over 100,000 projects with the same 1,000 duties in the
 * window, each scale in a table of its own in the same DynamoDB Local, measured in the same
 * process, the runs interleaved (small then large, then large then small) and the median of each
 * scale compared: what a morning reads and how long it takes must follow the window, not the
 * register. The bare index query the run starts with is timed at both scales as well, so that a
 * difference of DynamoDB Local's own (its SQLite indexes) is told apart from one of our code.
 */
export const benchReminderScale = async (runtime: LocalRuntime) => {
  const client = new DynamoDBClient({
    endpoint: runtime.endpoints.dynamodb,
    region: 'cn-north-1',
    credentials: LOCAL_CREDENTIALS,
  });
  const db = DynamoDBDocumentClient.from(client);
  const calendars = new Map([[2026, officialYear(2026) as CalendarYear]]);
  const window = reminderWindow(AS_OF, DEFAULT_POLICY, calendars);
  // From the last day already late before this morning's look-back through the window's end.
  const duties = windowDuties(window.lateFrom, window.dueThrough);

  const scales = [
    { label: `${SMALL.toLocaleString('en')} projects`, projects: SMALL },
    { label: `${LARGE.toLocaleString('en')} projects`, projects: LARGE },
  ].map((scale) => {
    const table = `${runtime.tableName}-reminders-${scale.projects}`;
    // The digests go to the runtime's SNS stand-in, whose topic the runtime put in the shared environment.
    const deps = allDeps({
      TABLE_NAME: table,
      BUCKET_NAME: runtime.bucketName,
      ESCALATION_TOPIC_ARN: process.env.ESCALATION_TOPIC_ARN,
    });
    return { ...scale, table, deps, times: [] as number[], queryTimes: [] as number[], summary: undefined as unknown };
  });

  try {
    let seededItems = 0;
    let seedMs = 0;
    for (const scale of scales) {
      await copyTable(client, runtime.tableName, scale.table);
      const started = process.hrtime.bigint();
      for (let from = 0; from < scale.projects; from += SEED_SLICE) {
        const items: Record<string, unknown>[] = [];
        for (let i = from; i < Math.min(scale.projects, from + SEED_SLICE); i++) items.push(...projectItems(i));
        await writeItems(db, scale.table, puts(items));
        seededItems += items.length;
      }
      await writeItems(db, scale.table, puts(duties));
      seededItems += duties.length;
      seedMs += Number(process.hrtime.bigint() - started) / 1e6;
    }
    const totalProjects = SMALL + LARGE;
    console.log(
      `\nReminder bench seeded ${totalProjects.toLocaleString('en')} projects (${seededItems.toLocaleString('en')} items) in ${(seedMs / 1000).toFixed(0)} s: ${Math.round((totalProjects / seedMs) * 1000)} projects/s, ${Math.round((seededItems / seedMs) * 1000)} items/s (BatchWriteItem, 25 items a request, 16 in flight)`,
    );

    const run = async (scale: (typeof scales)[number], counted: boolean) => {
      const started = process.hrtime.bigint();
      const summary = await sendReminders({ asOf: AS_OF }, scale.deps);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (counted) scale.times.push(ms);
      scale.summary = summary;
      // Reset: the next run announces the same duties again (their notifications are overwritten in place).
      await writeItems(
        db,
        scale.table,
        deletes(
          duties.flatMap((d) => [
            { PK: `ANNOUNCED#duty:${d.projectId}:${d.code}:${d.key}`, SK: 'duty-due-soon' },
            { PK: `ANNOUNCED#duty:${d.projectId}:${d.code}:${d.key}`, SK: 'duty-late' },
          ]),
        ),
      );
      return summary;
    };
    for (let round = 0; round <= ROUNDS; round++) {
      const order = round % 2 === 0 ? scales : [...scales].reverse();
      for (const scale of order) await run(scale, round > 0);
    }
    for (let round = 0; round <= QUERY_ROUNDS; round++) {
      for (const scale of round % 2 === 0 ? scales : [...scales].reverse()) {
        const started = process.hrtime.bigint();
        await obligationRepository(scale.table).dueBetween(window.lateFrom, window.dueThrough);
        if (round > 0) scale.queryTimes.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }

    const [small, large] = scales.map((scale) => {
      const summary = scale.summary as Awaited<ReturnType<typeof sendReminders>>;
      return {
        label: scale.label,
        ms: median(scale.times),
        min: Math.min(...scale.times),
        max: Math.max(...scale.times),
        queryMs: median(scale.queryTimes),
        read: summary.read,
        announced: summary.duties,
        digests: summary.departments,
      };
    });
    if (!small || !large) return;
    const ratio = large.ms / small.ms;
    const readRatio = large.read / large.announced;
    console.log(
      `\nReminder scale (the same ${IN_WINDOW} duties in the window of ${AS_OF}, ${DEPARTMENTS} departments; every project also owes one duty outside it, one in ten long late; median of ${ROUNDS} interleaved runs after a warm-up of each):`,
    );
    for (const run of [small, large]) {
      console.log(
        `  ${run.label.padEnd(17)} ${run.ms.toFixed(1)} ms (${run.min.toFixed(0)}–${run.max.toFixed(0)})  items read ${run.read}  duties announced ${run.announced}  digests ${run.digests}  the due index's range alone ${run.queryMs.toFixed(1)} ms`,
      );
    }
    console.log(
      `  time ×${ratio.toFixed(2)} (target ≤ 1.5 ${ratio <= 1.5 ? 'met' : 'MISSED'}); items read ×${readRatio.toFixed(2)} the duties announced (target ≤ 1.2 ${readRatio <= 1.2 ? 'met' : 'MISSED'}); the due index's range alone ×${(large.queryMs / small.queryMs).toFixed(2)} (median of ${QUERY_ROUNDS})`,
    );
  } finally {
    for (const scale of scales) {
      await client.send(new DeleteTableCommand({ TableName: scale.table })).catch(() => undefined);
    }
    client.destroy();
  }
};
