import { apiHandler } from '#shared/http/api-handler.ts';
import { deps } from '#shared/use-cases/deps.ts';
import { decideTask as decide } from '#shared/use-cases/reviews/decide-task.ts';
import { decideTask } from '../routes.ts';

export const handler = apiHandler(decideTask, ({ actor, params, body }) =>
  decide({ taskId: params.taskId, actor, decision: body }, deps()),
);
