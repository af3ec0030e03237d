import type { LambdaHost } from './lambda-host.ts';
import type { LocalSchedule } from './local-model.ts';

/** UTC offsets of the zones our schedules use; Asia/Shanghai has kept +08:00 without DST since 1991. */
const OFFSET_MINUTES: Record<string, number> = { 'Asia/Shanghai': 8 * 60, UTC: 0 };

/**
 * The next firing of a daily `cron(M H * * ? *)` in its zone. Anything richer is refused at
 * start rather than run at the wrong time.
 */
export const nextDailyRun = (schedule: Pick<LocalSchedule, 'expression' | 'timezone'>, after: Date): Date => {
  const match = /^cron\((\d{1,2}) (\d{1,2}) \* \* \? \*\)$/.exec(schedule.expression);
  const offset = OFFSET_MINUTES[schedule.timezone];
  if (!match || offset === undefined) {
    throw new Error(
      `The local runtime runs daily cron schedules only; cannot run ${schedule.expression} in ${schedule.timezone}.`,
    );
  }
  const minuteOfDayUtc = (Number(match[2]) * 60 + Number(match[1]) - offset + 24 * 60) % (24 * 60);
  const next = new Date(after);
  next.setUTCHours(Math.floor(minuteOfDayUtc / 60), minuteOfDayUtc % 60, 0, 0);
  if (next.getTime() <= after.getTime()) next.setUTCDate(next.getUTCDate() + 1);
  return next;
};

/** Fires each schedule's target function as EventBridge Scheduler would, until stopped. */
export const startSchedules = (schedules: readonly LocalSchedule[], host: LambdaHost) => {
  const timers = new Set<NodeJS.Timeout>();
  const arm = (schedule: LocalSchedule) => {
    const at = nextDailyRun(schedule, new Date());
    // setTimeout caps at ~24.8 days; a day is far below it.
    const timer = setTimeout(() => {
      timers.delete(timer);
      const event = schedule.input === undefined ? {} : JSON.parse(schedule.input);
      host
        .invoke(schedule.functionId, event)
        .then((result) => console.log(`[schedule] ${schedule.id} ran:`, JSON.stringify(result)))
        .catch((error: unknown) => console.error(`[schedule] ${schedule.id} failed:`, error))
        .finally(() => arm(schedule));
    }, at.getTime() - Date.now());
    timer.unref();
    timers.add(timer);
  };
  for (const schedule of schedules) {
    nextDailyRun(schedule, new Date());
    arm(schedule);
  }
  return {
    stop: () => {
      for (const timer of timers) clearTimeout(timer);
    },
  };
};
