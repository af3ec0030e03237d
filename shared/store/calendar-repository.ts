import { PutCommand } from '@aws-sdk/lib-dynamodb';
import officialArrangements from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import {
  addWorkingDays,
  type CalendarYear,
  CalendarYearSchema,
  type WorkingDayCount,
  yearsSpanned,
} from '#shared/domain/calendar.ts';
import { countDue, type DueBasis } from '#shared/domain/obligation.ts';
import type { Calendars } from '#shared/use-cases/ports.ts';
import { batchGet } from './batch-get.ts';
import { dynamo } from './clients.ts';

const key = (year: number) => ({ PK: 'CALENDAR', SK: `YEAR#${year}` });

/** The State Council's published arrangements, as the chinese-days package carries them. */
export const officialYear = (year: number): CalendarYear | undefined => {
  const prefix = `${year}-`;
  const holidays = Object.keys(officialArrangements.holidays).filter((d) => d.startsWith(prefix));
  const workdays = Object.keys(officialArrangements.workdays).filter((d) => d.startsWith(prefix));
  return holidays.length > 0
    ? { year, holidays: holidays.sort(), workdays: workdays.sort(), official: true }
    : undefined;
};

/**
 * Working-day calendars: a year edited here (PUT /v1/calendar/{year}) wins over the seeded
 * official arrangement; a year with neither is absent and counts into it are provisional.
 */
export const calendarRepository = (tableName: string) => {
  const load = async (years: readonly number[]): Promise<Map<number, CalendarYear>> => {
    const found = new Map<number, CalendarYear>();
    // Eventually consistent, as before: a calendar year changes once or twice a year.
    for (const item of await batchGet(tableName, years.map(key), { consistent: false })) {
      const calendar = CalendarYearSchema.parse(item);
      found.set(calendar.year, calendar);
    }
    for (const year of years) {
      const official = found.has(year) ? undefined : officialYear(year);
      if (official) found.set(year, official);
    }
    return found;
  };

  return {
    load,

    async get(year: number): Promise<CalendarYear | undefined> {
      return (await load([year])).get(year);
    },

    async put(calendar: CalendarYear): Promise<void> {
      await dynamo().send(
        new PutCommand({
          TableName: tableName,
          Item: { ...key(calendar.year), type: 'calendar', ...CalendarYearSchema.parse(calendar) },
        }),
      );
    },

    /** Loads the calendars the count needs, then counts. */
    async addWorkingDays(from: string, workingDays: number): Promise<WorkingDayCount> {
      return addWorkingDays(from, workingDays, await load(yearsSpanned(from, workingDays)));
    },

    /** A duty's due date by its basis; only a count in working days needs calendars. */
    async countDue(basis: DueBasis): Promise<{ dueDate: string; provisional: boolean }> {
      const years = basis.unit === 'working-days' ? yearsSpanned(basis.from, basis.amount) : [];
      return countDue(basis, await load(years));
    },
  };
};
// The store is what its port asks for (the compiler holds the two together).
calendarRepository satisfies (tableName: string) => Calendars;

/** The `calendar` dependency, wired from a function's environment (shared/use-cases/deps.ts). */
export const calendar = (env: { readonly TABLE_NAME: string }) => calendarRepository(env.TABLE_NAME);
