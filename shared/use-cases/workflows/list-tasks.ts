import { canSee } from '#shared/domain/access.ts';
import { ForbiddenError, NotFoundError } from '#shared/domain/errors.ts';
import { mayDecide, type StoredTask } from '#shared/domain/review.ts';
import { REVIEWER_ROLES } from '#shared/domain/review-catalogue.ts';
import { type Actor, hasAnyRole, type Role } from '#shared/domain/roles.ts';
import type { Deps } from '../deps.ts';
import type { Page } from '../ports.ts';

/** Who may read the decisions a reviewing bureau took on its own project (ART04, ART33). */
const CONFLICT_READERS: readonly Role[] = ['audit', 'admin'];

/**
 * The caller's queue: the open tasks of every review role it holds, earliest due first, paged
 * across all of them, less what separation of duties forbids it. With `conflictOfInterest`, the
 * decisions reviewing bureaus took on their own projects, for the Audit Bureau.
 */
export const listTasks = async (
  input: { actor: Actor; limit: number; cursor?: string | undefined; conflictOfInterest?: boolean | undefined },
  deps: Pick<Deps, 'tasks'>,
): Promise<Page<StoredTask>> => {
  if (input.conflictOfInterest) {
    if (!hasAnyRole(input.actor, CONFLICT_READERS)) {
      throw new ForbiddenError('Conflict-of-interest decisions are listed for the Audit Bureau.');
    }
    return deps.tasks.conflictsOfInterest(input.limit, input.cursor);
  }
  const roles = REVIEWER_ROLES.filter((role) => input.actor.roles.includes(role));
  if (roles.length === 0) return { items: [], nextCursor: null };
  const page = await deps.tasks.queues(roles, input.limit, input.cursor);
  return { items: page.items.filter((task) => mayDecide(input.actor, task)), nextCursor: page.nextCursor };
};

/** One task, for whoever may decide it or see its project. */
export const getTask = async (
  input: { taskId: string; actor: Actor },
  deps: Pick<Deps, 'tasks' | 'projects'>,
): Promise<StoredTask> => {
  const task = await deps.tasks.get(input.taskId);
  if (!task) throw new NotFoundError('No such task.');
  if (hasAnyRole(input.actor, [task.role as Role])) return task;
  const project = await deps.projects.get(task.projectId);
  if (!project || !canSee(input.actor, project)) throw new NotFoundError('No such task.');
  return task;
};
