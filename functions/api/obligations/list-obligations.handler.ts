import { apiHandler } from '#shared/http/api-handler.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { listObligations as list } from '#shared/use-cases/obligations/list-obligations.ts';
import { listObligations } from './routes.ts';

const deps = apiDeps(listObligations.adapters, { obligations, projects });

export const handler = apiHandler(listObligations, ({ actor, params, query }) =>
  list({ projectId: params.id, actor, ...query }, deps()),
);
