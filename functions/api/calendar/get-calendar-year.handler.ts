import { apiHandler } from '#shared/http/api-handler.ts';
import { calendar } from '#shared/store/calendar-repository.ts';
import { getCalendarYear as get } from '#shared/use-cases/calendar/read-calendar.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { getCalendarYear } from './routes.ts';

const deps = apiDeps(getCalendarYear.adapters, { calendar });

export const handler = apiHandler(getCalendarYear, ({ params }) => get(params.year, deps()));
