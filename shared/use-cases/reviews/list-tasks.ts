import { canSee } from '#shared/domain/access.ts';
import { NotFoundError } from '#shared/domain/errors.ts';
import { REVIEW_ROLE, type StoredTask } from '#shared/domain/review.ts';
import { type Actor, hasAnyRole } from '#shared/domain/roles.ts';
import type { Deps } from '../deps.ts';

const REVIEW_ROLES = [...new Set(Object.values(REVIEW_ROLE))];

/** Tasks the caller could decide: its roles' queues, less what separation of duties forbids it. */
export const listTasks = async (
  input: { actor: Actor; limit: number; cursor?: string | undefined },
  deps: Pick<Deps, 'tasks'>,
): Promise<{ items: StoredTask[]; nextCursor: string | null }> => {
  const roles = REVIEW_ROLES.filter((role) => input.actor.roles.includes(role));
  const mayDecide = (t: StoredTask) =>
    t.submittedBy !== input.actor.sub && (input.actor.deptId === null || t.ownerDeptId !== input.actor.deptId);
  if (roles.length === 1 && roles[0]) {
    const page = await deps.tasks.queue(roles[0], input.limit, input.cursor);
    return { items: page.items.filter(mayDecide), nextCursor: page.nextCursor };
  }
  // Someone holding several review roles sees the head of each queue, earliest due first.
  const pages = await Promise.all(roles.map((role) => deps.tasks.queue(role, input.limit)));
  const items = pages
    .flatMap((p) => p.items)
    .filter(mayDecide)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate))
    .slice(0, input.limit);
  return { items, nextCursor: null };
};

/** One task, for whoever may decide it or see its project. */
export const getTask = async (
  input: { taskId: string; actor: Actor },
  deps: Pick<Deps, 'tasks' | 'projects'>,
): Promise<StoredTask> => {
  const task = await deps.tasks.get(input.taskId);
  if (!task) throw new NotFoundError('No such task.');
  if (hasAnyRole(input.actor, [task.role as never])) return task;
  const project = await deps.projects.get(task.projectId);
  if (!project || !canSee(input.actor, project)) throw new NotFoundError('No such task.');
  return task;
};
