import { apiHandler } from '#shared/http/api-handler.ts';
import { calendar } from '#shared/store/calendar-repository.ts';
import { departments } from '#shared/store/department-repository.ts';
import { documents } from '#shared/store/document-repository.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { records } from '#shared/store/record-repository.ts';
import { tasks } from '#shared/store/task-repository.ts';
import { workflows } from '#shared/store/workflows.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { decideTask as decide } from '#shared/use-cases/workflows/decide-task.ts';
import { decideTask } from './routes.ts';

const deps = apiDeps(decideTask.adapters, {
  calendar,
  departments,
  documents,
  obligations,
  projects,
  records,
  tasks,
  workflows,
});

export const handler = apiHandler(decideTask, ({ actor, params, body }) =>
  decide({ taskId: params.taskId, actor, decision: body }, deps()),
);
