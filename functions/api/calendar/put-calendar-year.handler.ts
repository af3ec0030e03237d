import { apiHandler } from '#shared/http/api-handler.ts';
import { putCalendarYear as putYear } from '#shared/use-cases/calendar/put-calendar-year.ts';
import { deps } from '#shared/use-cases/deps.ts';
import { putCalendarYear } from '../routes.ts';

export const handler = apiHandler(putCalendarYear, ({ actor, params, body }) =>
  putYear({ year: params.year, actor, ...body }, deps()),
);
