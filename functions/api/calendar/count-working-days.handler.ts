import { apiHandler } from '#shared/http/api-handler.ts';
import { calendar } from '#shared/store/calendar-repository.ts';
import { countWorkingDays as count } from '#shared/use-cases/calendar/read-calendar.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { countWorkingDays } from './routes.ts';

const deps = apiDeps(countWorkingDays.adapters, { calendar });

export const handler = apiHandler(countWorkingDays, ({ query }) => count(query, deps()));
