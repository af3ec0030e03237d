import { apiHandler } from '#shared/http/api-handler.ts';
import { projects } from '#shared/store/project-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { listProjectEvents as list } from '#shared/use-cases/projects/project-events.ts';
import { listProjectEvents } from './routes.ts';

const deps = apiDeps(listProjectEvents.adapters, { projects });

export const handler = apiHandler(listProjectEvents, ({ actor, params, query }) =>
  list({ id: params.id, actor, ...query }, deps()),
);
