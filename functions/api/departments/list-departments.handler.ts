import { apiHandler } from '#shared/http/api-handler.ts';
import { deps } from '#shared/use-cases/deps.ts';
import { listDepartments } from '../routes.ts';

export const handler = apiHandler(listDepartments, async () => ({
  items: await deps().departments.list(),
  nextCursor: null,
}));
