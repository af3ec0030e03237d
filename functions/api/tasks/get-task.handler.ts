import { apiHandler } from '#shared/http/api-handler.ts';
import { projects } from '#shared/store/project-repository.ts';
import { tasks } from '#shared/store/task-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { getTask as get } from '#shared/use-cases/reviews/list-tasks.ts';
import { taskView } from '#shared/use-cases/reviews/task-view.ts';
import { getTask } from './routes.ts';

const deps = apiDeps({ projects, tasks });

export const handler = apiHandler(getTask, ({ actor, params }) =>
  get({ taskId: params.taskId, actor }, deps()).then(taskView),
);
