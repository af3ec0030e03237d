import * as z from 'zod';
import { ValidationError } from './errors.ts';

/** A calendar date in Asia/Shanghai, `YYYY-MM-DD`. */
export const DateSchema = z
  .string()
  .regex(/^(19|20|21)\d{2}-\d{2}-\d{2}$/, 'YYYY-MM-DD, between 1900 and 2199')
  .refine(
    (value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && toDate(value).toISOString().startsWith(value),
    'not a date',
  );

/** One year's official arrangement: statutory holidays and make-up working days (调休上班日). */
export const CalendarYearSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  holidays: z.array(DateSchema),
  workdays: z.array(DateSchema),
  /** True when it is the State Council's published arrangement (seeded), false when edited here. */
  official: z.boolean(),
});
export type CalendarYear = z.infer<typeof CalendarYearSchema>;

const toDate = (value: string) => new Date(`${value}T00:00:00Z`);
const toText = (date: Date) => date.toISOString().slice(0, 10);

/** Today in Asia/Shanghai (UTC+8 all year), from an instant. */
export const shanghaiDate = (instant: Date): string => toText(new Date(instant.getTime() + 8 * 3600_000));

export const addCalendarDays = (from: string, days: number): string => {
  const date = toDate(from);
  date.setUTCDate(date.getUTCDate() + days);
  return toText(date);
};

/** Six calendar months later (ART27), clamped to the month's end. */
export const addMonths = (from: string, months: number): string => {
  const date = toDate(from);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, last));
  return toText(date);
};

export type Calendars = ReadonlyMap<number, Pick<CalendarYear, 'holidays' | 'workdays'>>;

export interface WorkingDayCount {
  readonly due: string;
  /** Some day counted falls in a year with no calendar loaded: weekends only were skipped there. */
  readonly provisional: boolean;
}

/**
 * The N-th working day after `from` (RULES.md: the day the clock starts is day 0). Working days
 * skip weekends and statutory holidays and count make-up working days; in a year with no
 * calendar only weekends are skipped and the answer is provisional.
 */
export const addWorkingDays = (from: string, workingDays: number, calendars: Calendars): WorkingDayCount =>
  countWorkingDays(from, workingDays, 1, calendars);

/**
 * The N-th working day before `date`, counted as `addWorkingDays` counts forwards: how far back a
 * job that runs on working mornings looks for what happened since its last run.
 */
export const subtractWorkingDays = (date: string, workingDays: number, calendars: Calendars): WorkingDayCount =>
  countWorkingDays(date, workingDays, -1, calendars);

const countWorkingDays = (from: string, workingDays: number, step: 1 | -1, calendars: Calendars): WorkingDayCount => {
  const day = workingDayJudge(calendars);
  let date = from;
  let counted = 0;
  let provisional = false;
  while (counted < workingDays) {
    date = addCalendarDays(date, step);
    const judged = day(date);
    provisional ||= judged.provisional;
    if (judged.working) counted++;
  }
  return { due: date, provisional };
};

/** Whether each date is a working day: make-up days count, weekends and holidays do not; a year with no calendar skips weekends only. */
const workingDayJudge = (calendars: Calendars) => {
  const sets = new Map<number, { holidays: Set<string>; workdays: Set<string> }>();
  for (const [year, calendar] of calendars) {
    sets.set(year, { holidays: new Set(calendar.holidays), workdays: new Set(calendar.workdays) });
  }
  return (date: string): { working: boolean; provisional: boolean } => {
    const calendar = sets.get(Number(date.slice(0, 4)));
    const weekday = toDate(date).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    if (!calendar) return { working: !weekend, provisional: true };
    return { working: calendar.workdays.has(date) || (!weekend && !calendar.holidays.has(date)), provisional: false };
  };
};

/** Whether `date` is a working day of the county calendar (an adjusted working Saturday is one; a holiday is not). */
export const isWorkingDay = (date: string, calendars: Calendars): boolean => workingDayJudge(calendars)(date).working;

/** Years a count from `from` may touch: enough calendars to load before counting. */
export const yearsSpanned = (from: string, workingDays: number): number[] => {
  const first = Number(from.slice(0, 4));
  // Even the longest holiday runs cannot stretch 1 working day past ~12 calendar days; 2× is ample.
  const last = Number(addCalendarDays(from, workingDays * 2 + 14).slice(0, 4));
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
};

/**
 * Dates a person reports as past (a notice published, a contract signed, a drill held, an asset
 * disposed of) may not lie after today in Lingchuan: 400 naming each field that does.
 */
export const refuseFutureDates = (dates: Readonly<Record<string, string | undefined>>, now: Date): void => {
  const today = shanghaiDate(now);
  const ahead = Object.entries(dates).filter(([, date]) => date !== undefined && date > today);
  if (ahead.length > 0) {
    throw new ValidationError(
      ahead.map(([path, date]) => ({
        path,
        message: `${date} is after today (${today}, Asia/Shanghai).`,
        messageZh: `不得晚于今天（${today}）`,
      })),
    );
  }
};
