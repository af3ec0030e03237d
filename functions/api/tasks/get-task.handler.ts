import { apiHandler } from '#shared/http/api-handler.ts';
import { projects } from '#shared/store/project-repository.ts';
import { tasks } from '#shared/store/task-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { getTask as get } from '#shared/use-cases/workflows/list-tasks.ts';
import { getTask } from './routes.ts';

const deps = apiDeps(getTask.adapters, { projects, tasks });

export const handler = apiHandler(getTask, ({ actor, params }) => get({ taskId: params.taskId, actor }, deps()));
