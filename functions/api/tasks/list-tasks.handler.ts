import { apiHandler } from '#shared/http/api-handler.ts';
import { tasks } from '#shared/store/task-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { listTasks as list } from '#shared/use-cases/reviews/list-tasks.ts';
import { taskView } from '#shared/use-cases/reviews/task-view.ts';
import { listTasks } from './routes.ts';

const deps = apiDeps({ tasks });

export const handler = apiHandler(listTasks, async ({ actor, query }) => {
  const page = await list({ actor, ...query }, deps());
  return { ...page, items: page.items.map(taskView) };
});
