import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS, type LocalRuntime } from '#infra/local/runtime.ts';
import { addCalendarDays, type CalendarYear } from '#shared/domain/calendar.ts';
import { DEFAULT_POLICY } from '#shared/domain/policy.ts';
import { reminderWindow } from '#shared/domain/reminders.ts';
import { officialYear } from '#shared/store/calendar-repository.ts';
import { sendReminders } from '#shared/use-cases/reminders/send-reminders.ts';
import { allDeps } from '../support/all-deps.ts';
import { DUTY_KINDS, deletes, dutyItem, puts, writeItems } from './duties.ts';
import { median } from './stats.ts';

const IN_WINDOW = 1_000;
const DEPARTMENTS = 100;
/** `BENCH_REMINDER_ROUNDS=1` for a quick look on a loaded machine. */
const ROUNDS = Number(process.env.BENCH_REMINDER_ROUNDS ?? 5);
/** A Monday of the official 2026 calendar; its window runs to the 5th working day after it. */
const AS_OF = '2026-11-30';
/** `BENCH_REMINDER_PROJECTS=20000` runs the large scale smaller on a loaded machine (the report says which). */
const LARGE = Number(process.env.BENCH_REMINDER_PROJECTS ?? 100_000);

const projectId = (i: number) => `remind-${String(i).padStart(6, '0')}`;

/**
 * Projects in the table, each with an open duty outside the window (most not yet due, one in ten
 * long late and already announced in some earlier month): what a morning must not read.
 */
const seedProjects = async (db: DynamoDBDocumentClient, table: string, from: number, to: number) => {
  const items: Record<string, unknown>[] = [];
  for (let i = from; i < to; i++) {
    const id = projectId(i);
    items.push({
      PK: `PROJECT#${id}`,
      SK: 'META',
      type: 'project',
      id,
      ownerDeptId: `dept-${i % DEPARTMENTS}`,
      stage: 'approved',
    });
    const dueDate = i % 10 === 0 ? '2025-03-14' : '2031-06-30';
    items.push(dutyItem(id, `dept-${i % DEPARTMENTS}`, { code: 'ART14-BUDGET-FILING', key: 'outside' }, dueDate));
  }
  await writeItems(db, table, puts(items));
};

/** The window's duties: every kind in turn, over a hundred departments, due on every day of the window and the days it looks back over. */
const windowDuties = (from: string, through: string) => {
  const days: string[] = [];
  for (let day = from; day <= through; day = addCalendarDays(day, 1)) days.push(day);
  return Array.from({ length: IN_WINDOW }, (_, i) =>
    dutyItem(
      projectId(i),
      `dept-${i % DEPARTMENTS}`,
      DUTY_KINDS[i % DUTY_KINDS.length] ?? { code: 'ART14-BUDGET-FILING', key: 'due' },
      days[i % days.length] ?? from,
    ),
  );
};

/**
 * The morning's reminders over 1,000 and over 100,000 projects with the same 1,000 duties in the
 * window, timed in the same run: what a morning reads must follow the window, not the register.
 */
export const benchReminderScale = async (runtime: LocalRuntime) => {
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: runtime.endpoints.dynamodb, region: 'cn-north-1', credentials: LOCAL_CREDENTIALS }),
  );
  const table = runtime.tableName;
  // The digests go to the runtime's SNS stand-in, whose topic the runtime put in the shared environment.
  const deps = allDeps({
    TABLE_NAME: table,
    BUCKET_NAME: runtime.bucketName,
    ESCALATION_TOPIC_ARN: process.env.ESCALATION_TOPIC_ARN,
  });
  const calendars = new Map([[2026, officialYear(2026) as CalendarYear]]);
  const window = reminderWindow(AS_OF, DEFAULT_POLICY, calendars);
  // From the last day already late before this morning's look-back through the window's end.
  const duties = windowDuties(window.lateFrom, window.dueThrough);

  const measure = async () => {
    const times: number[] = [];
    let read = 0;
    let announced = 0;
    let digests = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const started = process.hrtime.bigint();
      const summary = await sendReminders({ asOf: AS_OF }, deps);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
      read = summary.read;
      announced = summary.duties;
      digests = summary.departments;
      // Reset: the next round announces the same duties again (their notifications are overwritten in place).
      await writeItems(
        db,
        table,
        deletes(
          duties.flatMap((d) => [
            { PK: `ANNOUNCED#duty:${d.projectId}:${d.code}:${d.key}`, SK: 'duty-due-soon' },
            { PK: `ANNOUNCED#duty:${d.projectId}:${d.code}:${d.key}`, SK: 'duty-late' },
          ]),
        ),
      );
    }
    return { ms: median(times), read, announced, digests };
  };

  const seedStarted = Date.now();
  await seedProjects(db, table, 0, 1_000);
  await writeItems(db, table, puts(duties));
  await measure(); // warm-up: the first runs pay for JIT compilation, not for the table's size
  const small = await measure();
  console.log(
    `\nReminders over 1,000 projects: ${small.ms.toFixed(1)} ms, items read ${small.read}, duties announced ${small.announced}`,
  );
  await seedProjects(db, table, 1_000, LARGE);
  const seedSeconds = (Date.now() - seedStarted) / 1000;
  const large = await measure();

  const ratio = large.ms / small.ms;
  const readRatio = large.read / large.announced;
  console.log(
    `\nReminder scale (the same ${IN_WINDOW} duties in the window of ${AS_OF}, ${DEPARTMENTS} departments; every project also owes one duty outside it, one in ten long late; median of ${ROUNDS}):`,
  );
  for (const [label, run] of [
    ['1,000 projects', small],
    [`${LARGE.toLocaleString('en')} projects`, large],
  ] as const) {
    console.log(
      `  ${label.padEnd(17)} ${run.ms.toFixed(1)} ms  items read ${run.read}  duties announced ${run.announced}  digests ${run.digests}`,
    );
  }
  console.log(
    `  time ×${ratio.toFixed(2)} (target ≤ 1.5 ${ratio <= 1.5 ? 'met' : 'MISSED'}); items read ×${readRatio.toFixed(2)} the duties announced (target ≤ 1.2 ${readRatio <= 1.2 ? 'met' : 'MISSED'}); seeding took ${seedSeconds.toFixed(0)} s`,
  );
};
