import * as z from 'zod';
import { DecisionInputSchema } from '#shared/domain/review.ts';
import { defineRoute } from '#shared/http/route.ts';
import { TaskViewSchema } from '#shared/use-cases/reviews/task-view.ts';
import { ANY_ROLE, PAGING, page, REVIEWER_ROLES } from '../route-parts.ts';

const TaskParams = z.object({ taskId: z.string().min(1).max(160) });

export const listTasks = defineRoute({
  id: 'listTasks',
  method: 'GET',
  path: '/v1/tasks',
  handler: 'tasks/list-tasks',
  roles: ANY_ROLE,
  summary: 'Open review tasks the caller may decide (its queue), earliest due first',
  query: z.object({
    ...PAGING,
  }),
  response: page(TaskViewSchema),
});

export const getTask = defineRoute({
  id: 'getTask',
  method: 'GET',
  path: '/v1/tasks/{taskId}',
  handler: 'tasks/get-task',
  roles: ANY_ROLE,
  summary: 'One review task (never its callback token)',
  params: TaskParams,
  response: TaskViewSchema,
});

export const decideTask = defineRoute({
  id: 'decideTask',
  method: 'POST',
  path: '/v1/tasks/{taskId}/decision',
  handler: 'tasks/decide-task',
  roles: [...REVIEWER_ROLES],
  summary: 'Decide a review: approve, reject or return, with the opinion and the checklist (ART13, ART14)',
  params: TaskParams,
  body: DecisionInputSchema,
  response: TaskViewSchema,
});
