import type { CalendarYear } from '#shared/domain/calendar.ts';
import { ValidationError } from '#shared/domain/errors.ts';
import { countDue, type Obligation } from '#shared/domain/obligation.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { logger } from '#shared/observability/logger.ts';
import { retryOnConflict } from '#shared/retry.ts';
import type { Deps } from '../deps.ts';

/**
 * An administrator replaces a year's arrangement; dates must lie in that year and not be both
 * kinds. Every open obligation whose due date was provisional (counted into a year without a
 * calendar) is counted again now.
 */
export const putCalendarYear = async (
  input: { year: number; actor: Actor; holidays: string[]; workdays: string[] },
  deps: Pick<Deps, 'calendar' | 'obligations' | 'projects' | 'now'>,
): Promise<CalendarYear & { recounted: number }> => {
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

  let recounted = 0;
  for await (const provisional of deps.obligations.provisionalFrom(`${input.year}-01-01`)) {
    if (await recount(provisional, input.actor, deps)) recounted++;
  }
  logger.info('calendar year replaced', { year: input.year, by: input.actor.sub, recounted });
  return { ...calendar, recounted };
};

/**
 * Counts one provisional due date again with the calendars now known, as a change of its
 * project: the old and new dates are on the audit trail under the duty's rule code. A duty
 * settled meanwhile is left alone; a project changed meanwhile is read again.
 */
const recount = (read: Obligation, actor: Actor, deps: Pick<Deps, 'calendar' | 'obligations' | 'projects' | 'now'>) =>
  retryOnConflict(async () => {
    // The project first: a change landing after this read fails the save's version condition.
    const project = await deps.projects.get(read.projectId);
    const obligation = await deps.obligations.get(read.projectId, read.code, read.key);
    if (obligation?.status !== 'open' || !obligation.provisional || !project) return false;
    const calendars = await deps.calendar.load(yearsBetween(obligation.dueBasis.from, obligation.dueDate));
    const { dueDate, provisional } = countDue(obligation.dueBasis, calendars);
    if (dueDate === obligation.dueDate && provisional) return false;
    await deps.projects.save({
      project,
      at: deps.now().toISOString(),
      actor,
      action: 'obligation.redated',
      details: { code: obligation.code, key: obligation.key, from: obligation.dueDate, to: dueDate, provisional },
      with: [deps.obligations.redate({ ...obligation, dueDate, provisional }, obligation.dueDate)],
    });
    return true;
  });

/** The years a recount may touch: from the clock's start to a year past the provisional due date. */
const yearsBetween = (from: string, to: string) => {
  const first = Number(from.slice(0, 4));
  const last = Number(to.slice(0, 4)) + 1;
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
};
