import { apiHandler } from '#shared/http/api-handler.ts';
import { deps } from '#shared/use-cases/deps.ts';
import { getTask as get } from '#shared/use-cases/reviews/list-tasks.ts';
import { getTask } from '../routes.ts';

export const handler = apiHandler(getTask, ({ actor, params }) => get({ taskId: params.taskId, actor }, deps()));
