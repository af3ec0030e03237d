import { apiHandler } from '#shared/http/api-handler.ts';
import { deps } from '#shared/use-cases/deps.ts';
import { listObligations as list } from '#shared/use-cases/obligations/list-obligations.ts';
import { listObligations } from '../routes.ts';

export const handler = apiHandler(listObligations, ({ actor, params, query }) =>
  list({ projectId: params.id, actor, ...query }, deps()),
);
