import { NotFoundError } from '#shared/domain/errors.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { calendar } from '#shared/store/calendar-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { getCalendarYear } from './routes.ts';

const deps = apiDeps({ calendar });

export const handler = apiHandler(getCalendarYear, async ({ params }) => {
  const calendar = await deps().calendar.get(params.year);
  if (!calendar) throw new NotFoundError(`No calendar for ${params.year} yet.`);
  return calendar;
});
