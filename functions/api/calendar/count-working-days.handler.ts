import { apiHandler } from '#shared/http/api-handler.ts';
import { deps } from '#shared/use-cases/deps.ts';
import { countWorkingDays } from '../routes.ts';

export const handler = apiHandler(countWorkingDays, async ({ query }) => ({
  from: query.from,
  add: query.add,
  ...(await deps().calendar.addWorkingDays(query.from, query.add)),
}));
