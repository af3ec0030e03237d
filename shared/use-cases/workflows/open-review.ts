import { shanghaiDate } from '#shared/domain/calendar.ts';
import { nextStage } from '#shared/domain/lifecycle.ts';
import type { StoredTask } from '#shared/domain/review.ts';
import {
  checklistEntries,
  checklistItems,
  dueWorkingDays,
  REVIEWS,
  type ReviewKind,
} from '#shared/domain/review-catalogue.ts';
import { RULES } from '#shared/domain/rules/catalog.ts';
import { taskId, type WorkflowInput } from '#shared/domain/workflow.ts';
import { logger } from '#shared/observability/logger.ts';
import { retryOnConflict } from '#shared/retry.ts';
import type { Deps } from '../deps.ts';
import { workflowActor } from './workflow-actor.ts';

/**
 * The callback step of a review: records the task in its role's queue with its due date, its
 * checklist and the token (kept server-side), and marks the review open on the project (moving a
 * declaration to the stage the review belongs to). Idempotent: a retried invocation with the same
 * token changes nothing; after an escalation it re-opens the task with the new token. A step of a
 * round that is over changes nothing.
 */
export const openReview = async (
  input: WorkflowInput & { kind: ReviewKind; taskToken: string; timeoutSeconds: number },
  deps: Pick<Deps, 'projects' | 'tasks' | 'departments' | 'calendar' | 'notices' | 'policy' | 'now'>,
): Promise<{ taskId: string }> =>
  retryOnConflict(async () => {
    const id = taskId(input.projectId, input.workflow, input.round, input.kind);
    const [project, existing] = await Promise.all([deps.projects.get(input.projectId), deps.tasks.get(id)]);
    if (!project) throw new Error(`Project ${input.projectId} does not exist`);
    const round = project.rounds[input.workflow];
    if (round?.round !== input.round || round.status !== 'running') return { taskId: id };
    if (existing?.token === input.taskToken || existing?.status === 'decided') return { taskId: id };

    const now = deps.now();
    const at = now.toISOString();
    const review = REVIEWS[input.kind];
    const [due, owner] = await Promise.all([
      deps.calendar.addWorkingDays(shanghaiDate(now), dueWorkingDays(input.kind, deps.policy)),
      deps.departments.get(project.ownerDeptId),
    ]);
    const task: StoredTask = {
      id,
      kind: input.kind,
      role: review.role,
      projectId: project.id,
      workflow: input.workflow,
      round: input.round,
      changeId: round.changeId,
      status: 'open',
      dueDate: due.due,
      dueProvisional: due.provisional,
      createdAt: existing?.createdAt ?? at,
      openedAt: at,
      escalations: existing?.escalations ?? 0,
      checklistItems: checklistItems(input.kind, project),
      checklist: checklistEntries(input.kind, project),
      conflictOfInterest: false,
      token: input.taskToken,
      expiresAt: new Date(now.getTime() + input.timeoutSeconds * 1000).toISOString(),
      ownerDeptId: project.ownerDeptId,
      ownerBureauRole: owner?.bureauRole ?? null,
      submittedBy: project.submittedBy,
    };
    // A change's re-approval keeps the project where it is (ART22); a declaration moves with its reviews.
    const stage = review.opens && round.changeId === null ? nextStage(review.opens) : project.stage;
    await deps.projects.save({
      project,
      at,
      actor: workflowActor(input.workflow),
      action: existing ? 'review.reopened' : 'review.opened',
      details: { kind: input.kind, taskId: id, role: task.role, dueDate: task.dueDate },
      set: { stage, openReviews: [...new Set([...project.openReviews, input.kind])] },
      with: [deps.tasks.put(task, existing ? { token: existing.token, status: existing.status } : undefined)],
    });
    if (review.announcedOnOpening && !existing) {
      // ART15: a project is building while this waits; the bureau's heads hear of it at once, not when overdue.
      // A failed announcement is logged, never a failed review: the task is open and on the queue.
      await deps.notices
        .announce({
          projectId: project.id,
          projectCode: project.code,
          projectName: project.name,
          taskId: id,
          role: task.role,
          code: review.rule,
          article: RULES[review.rule].article,
          dueDate: task.dueDate,
          escalation: 0,
          reason: 'opened',
        })
        .catch((error: unknown) => logger.error('opening not announced', { taskId: id, error: error as Error }));
    }
    return { taskId: id };
  });
