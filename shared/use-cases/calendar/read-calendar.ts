import type { CalendarYear, WorkingDayCount } from '#shared/domain/calendar.ts';
import { NotFoundError } from '#shared/domain/errors.ts';
import type { Deps } from '../deps.ts';

/** A year's holidays and make-up working days: the one edited here, else the official one. */
export const getCalendarYear = async (year: number, deps: Pick<Deps, 'calendar'>): Promise<CalendarYear> => {
  const calendar = await deps.calendar.get(year);
  if (!calendar) throw new NotFoundError(`No calendar for ${year}.`);
  return calendar;
};

/** The N-th working day after a date (RULES.md: the day the clock starts is day 0). */
export const countWorkingDays = async (
  input: { from: string; add: number },
  deps: Pick<Deps, 'calendar'>,
): Promise<{ from: string; add: number } & WorkingDayCount> => ({
  ...input,
  ...(await deps.calendar.addWorkingDays(input.from, input.add)),
});
