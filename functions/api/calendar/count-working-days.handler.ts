import { apiHandler } from '#shared/http/api-handler.ts';
import { calendar } from '#shared/store/calendar-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { countWorkingDays } from './routes.ts';

const deps = apiDeps({ calendar });

export const handler = apiHandler(countWorkingDays, async ({ query }) => ({
  from: query.from,
  add: query.add,
  ...(await deps().calendar.addWorkingDays(query.from, query.add)),
}));
