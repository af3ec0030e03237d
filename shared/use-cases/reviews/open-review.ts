import { shanghaiDate } from '#shared/domain/calendar.ts';
import type { ReviewKind } from '#shared/domain/project.schema.ts';
import { REVIEW_ROLE, type StoredTask, taskId } from '#shared/domain/review.ts';
import type { Actor } from '#shared/domain/roles.ts';
import type { Deps } from '../deps.ts';
import { retryOnConflict } from '../retry.ts';

/** The workflow acts as itself in the audit trail. */
export const WORKFLOW_ACTOR: Actor = { sub: 'system:approval-workflow', name: '审批流程', deptId: null, roles: [] };

/**
 * The callback step of a review: records the task in its role's queue with its due date and the
 * token (kept server-side), and marks the review open on the project. Idempotent: a retried
 * invocation with the same token changes nothing; after an escalation it re-opens the task with
 * the new token.
 */
export const openReview = async (
  input: { kind: ReviewKind; projectId: string; submission: number; taskToken: string; timeoutSeconds: number },
  deps: Pick<Deps, 'projects' | 'tasks' | 'calendar' | 'policy' | 'now'>,
): Promise<{ taskId: string }> =>
  retryOnConflict(async () => {
    const id = taskId(input.projectId, input.submission, input.kind);
    const [project, existing] = await Promise.all([deps.projects.get(input.projectId), deps.tasks.get(id)]);
    if (!project) throw new Error(`Project ${input.projectId} does not exist`);
    // A step of an older submission, or one arriving after the outcome, changes nothing.
    const concluded = project.stage === 'approved' || project.stage === 'rejected' || project.stage === 'returned';
    if (project.submissions !== input.submission || concluded) return { taskId: id };
    if (existing?.token === input.taskToken || existing?.status === 'decided') return { taskId: id };

    const now = deps.now();
    const at = now.toISOString();
    const due = await deps.calendar.addWorkingDays(shanghaiDate(now), deps.policy.reviewDueWorkingDays);
    const task: StoredTask = {
      id,
      kind: input.kind,
      role: REVIEW_ROLE[input.kind],
      projectId: project.id,
      submission: input.submission,
      status: 'open',
      dueDate: due.due,
      dueProvisional: due.provisional,
      createdAt: existing?.createdAt ?? at,
      openedAt: at,
      escalations: existing?.escalations ?? 0,
      token: input.taskToken,
      expiresAt: new Date(now.getTime() + input.timeoutSeconds * 1000).toISOString(),
      ownerDeptId: project.ownerDeptId,
      submittedBy: project.submittedBy,
    };
    const stage = input.kind === 'tech-review' ? 'tech-review' : 'approval-review';
    await deps.projects.save({
      project,
      at,
      actor: WORKFLOW_ACTOR,
      action: existing ? 'review.reopened' : 'review.opened',
      details: { kind: input.kind, taskId: id, role: task.role, dueDate: task.dueDate },
      set: { stage, openReviews: [...new Set([...project.openReviews, input.kind])] },
      with: [deps.tasks.put(task, existing ? { token: existing.token, status: existing.status } : undefined)],
    });
    return { taskId: id };
  });
