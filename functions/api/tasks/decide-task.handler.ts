import { apiHandler } from '#shared/http/api-handler.ts';
import { calendar } from '#shared/store/calendar-repository.ts';
import { documents } from '#shared/store/document-repository.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { tasks } from '#shared/store/task-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { decideTask as decide } from '#shared/use-cases/reviews/decide-task.ts';
import { taskView } from '#shared/use-cases/reviews/task-view.ts';
import { decideTask } from './routes.ts';

const deps = apiDeps({ calendar, documents, obligations, projects, tasks });

export const handler = apiHandler(decideTask, ({ actor, params, body }) =>
  decide({ taskId: params.taskId, actor, decision: body }, deps()).then(taskView),
);
