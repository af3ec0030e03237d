import type { CalendarYear } from '#shared/domain/calendar.ts';
import { ValidationError } from '#shared/domain/errors.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { logger } from '#shared/observability/logger.ts';
import type { Deps } from '../deps.ts';

/** An administrator replaces a year's arrangement; dates must lie in that year and not be both kinds. */
export const putCalendarYear = async (
  input: { year: number; actor: Actor; holidays: string[]; workdays: string[] },
  deps: Pick<Deps, 'calendar'>,
): Promise<CalendarYear> => {
  const outside = [...input.holidays, ...input.workdays].filter((d) => !d.startsWith(`${input.year}-`));
  const both = input.holidays.filter((d) => input.workdays.includes(d));
  if (outside.length > 0 || both.length > 0) {
    throw new ValidationError([
      ...outside.map((d) => ({ path: 'holidays', message: `${d} is not in ${input.year}` })),
      ...both.map((d) => ({ path: 'workdays', message: `${d} cannot be a holiday and a working day` })),
    ]);
  }
  const calendar: CalendarYear = {
    year: input.year,
    holidays: [...new Set(input.holidays)].sort(),
    workdays: [...new Set(input.workdays)].sort(),
    official: false,
  };
  await deps.calendar.put(calendar);
  logger.info('calendar year replaced', { year: input.year, by: input.actor.sub });
  return calendar;
};
