import { apiHandler } from '#shared/http/api-handler.ts';
import { tasks } from '#shared/store/task-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { listTasks as list } from '#shared/use-cases/workflows/list-tasks.ts';
import { listTasks } from './routes.ts';

const deps = apiDeps(listTasks.adapters, { tasks });

export const handler = apiHandler(listTasks, ({ actor, query }) => list({ actor, ...query }, deps()));
