import * as z from 'zod';
import { DecisionInputSchema, TaskSchema } from '#shared/domain/review.ts';
import { defineRoute } from '#shared/http/route.ts';
import { ANY_ROLE, PAGING, page, REVIEWER_ROLES } from '../route-parts.ts';

const TaskParams = z.object({ taskId: z.string().min(1).max(160) });

export const listTasks = defineRoute({
  id: 'listTasks',
  method: 'GET',
  path: '/v1/tasks',
  handler: 'tasks/list-tasks',
  adapters: { tasks: 'read' },
  roles: ANY_ROLE,
  summary:
    'Open review tasks the caller may decide (every queue of its review roles, paged as one), earliest due first; with `conflictOfInterest=true`, the decisions reviewing bureaus took on their own projects (audit, admin)',
  query: z.object({
    conflictOfInterest: z
      .enum(['true', 'false'])
      .optional()
      .transform((value) => value === 'true'),
    ...PAGING,
  }),
  response: page(TaskSchema),
});

export const getTask = defineRoute({
  id: 'getTask',
  method: 'GET',
  path: '/v1/tasks/{taskId}',
  handler: 'tasks/get-task',
  adapters: { projects: 'read', tasks: 'read' },
  roles: ANY_ROLE,
  summary: 'One review task (never its callback token)',
  params: TaskParams,
  response: TaskSchema,
});

export const decideTask = defineRoute({
  id: 'decideTask',
  method: 'POST',
  path: '/v1/tasks/{taskId}/decision',
  handler: 'tasks/decide-task',
  adapters: {
    calendar: 'read',
    departments: 'read',
    documents: 'read',
    obligations: 'write',
    projects: 'write',
    records: 'write',
    tasks: 'write',
    workflows: 'answer',
  },
  roles: [...REVIEWER_ROLES],
  summary:
    'Decide a review: approve, reject or return, with the opinion and the checklist the task lists (ART13, ART14, ART27, ART28)',
  params: TaskParams,
  body: DecisionInputSchema,
  response: TaskSchema,
});
