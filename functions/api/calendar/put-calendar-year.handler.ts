import { apiHandler } from '#shared/http/api-handler.ts';
import { calendar } from '#shared/store/calendar-repository.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { putCalendarYear as putYear } from '#shared/use-cases/calendar/put-calendar-year.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { putCalendarYear } from './routes.ts';

const deps = apiDeps(putCalendarYear.adapters, { calendar, obligations, projects });

export const handler = apiHandler(putCalendarYear, ({ actor, params, body }) =>
  putYear({ year: params.year, actor, ...body }, deps()),
);
