import type { Stage } from '#shared/domain/project.schema.ts';
import { REVIEW_KINDS } from '#shared/domain/project.schema.ts';
import { taskId } from '#shared/domain/review.ts';
import { logger } from '#shared/observability/logger.ts';
import type { Deps } from '../deps.ts';
import { retryOnConflict } from '../retry.ts';
import { WORKFLOW_ACTOR } from './open-review.ts';

export type ApprovalOutcome = Extract<Stage, 'approved' | 'rejected' | 'returned'>;

/**
 * The end of an approval execution: the project takes its outcome, and any review still open in
 * this submission (a parallel branch cut short by a rejection) expires. A stale execution (an
 * older submission) changes nothing.
 */
export const concludeApproval = async (
  input: { projectId: string; submission: number; outcome: ApprovalOutcome },
  deps: Pick<Deps, 'projects' | 'tasks' | 'now'>,
): Promise<{ stage: Stage }> =>
  retryOnConflict(async () => {
    const project = await deps.projects.get(input.projectId);
    if (!project) throw new Error(`Project ${input.projectId} does not exist`);
    if (project.submissions !== input.submission || project.stage === input.outcome) return { stage: project.stage };

    const tasks = await Promise.all(
      REVIEW_KINDS.map((kind) => deps.tasks.get(taskId(project.id, input.submission, kind))),
    );
    const stillOpen = tasks.filter((t) => t?.status === 'open').map((t) => t as NonNullable<typeof t>);
    const at = deps.now().toISOString();
    await deps.projects.save({
      project,
      actor: WORKFLOW_ACTOR,
      action: 'approval.concluded',
      at,
      set: { stage: input.outcome, openReviews: [] },
      details: { submission: input.submission, closedTasks: stillOpen.map((t) => t.id) },
      with: stillOpen.map((t) => deps.tasks.put({ ...t, status: 'expired' }, { token: t.token, status: 'open' })),
    });
    return { stage: input.outcome };
  });

/** Every workflow task's catch ends here: the failure is on the project's record, not only in a log. */
export const recordWorkflowFailure = async (
  input: { projectId: string; submission: number; error: string; cause: string },
  deps: Pick<Deps, 'projects' | 'now'>,
): Promise<void> =>
  retryOnConflict(async () => {
    const project = await deps.projects.get(input.projectId);
    logger.error('approval workflow step failed', {
      projectId: input.projectId,
      error: input.error,
      cause: input.cause,
    });
    if (!project) return;
    const at = deps.now().toISOString();
    await deps.projects.save({
      project,
      actor: WORKFLOW_ACTOR,
      action: 'workflow.failed',
      at,
      // The error's name only: its cause can hold a stack trace, which no client may ever see.
      details: { submission: input.submission, error: input.error },
    });
  });
