import type { Round } from '#shared/domain/project.schema.ts';
import { openElsewhere, REVIEW_KINDS, REVIEWS } from '#shared/domain/review-catalogue.ts';
import { type Outcome, taskId, type WorkflowInput } from '#shared/domain/workflow.ts';
import { logger } from '#shared/observability/logger.ts';
import { retryOnConflict } from '#shared/retry.ts';
import type { ConclusionDeps } from './conclusion.ts';
import { CONCLUSIONS } from './conclusions.ts';
import { workflowActor } from './workflow-actor.ts';

export type { ConclusionDeps };

/**
 * The end of a round: the workflow's own conclusion applies, any review still open in the round
 * (a parallel branch cut short by a rejection) expires, and the round records its outcome. A
 * step of a round that is over, or a retried one, changes nothing.
 */
export const concludeRound = async (input: WorkflowInput & { outcome: Outcome }, deps: ConclusionDeps) => {
  const end = { outcome: input.outcome, status: input.outcome, action: `${input.workflow}.concluded` };
  const { stage } = await closeRound(input, end, deps);
  return { stage };
};

/**
 * Every workflow task's catch ends here: the failure is on the project's record, not only in a
 * log, and the round closes as failed so that nothing waits on it for ever. It goes back to the
 * owner as a return would (a declaration to be submitted again, a change not applied, an
 * acceptance to be repeated); only the error's name is recorded (its cause may hold a stack trace).
 */
export const recordWorkflowFailure = async (
  input: WorkflowInput & { error: string; cause: string },
  deps: ConclusionDeps,
): Promise<void> => {
  logger.error('workflow step failed', {
    projectId: input.projectId,
    workflow: input.workflow,
    error: input.error,
    cause: input.cause,
  });
  const failed = {
    outcome: 'returned' as const,
    status: 'failed' as const,
    action: 'workflow.failed',
    error: input.error,
  };
  const closed = await closeRound(input, failed, deps).catch((error: unknown) => {
    // Closing failed too (what failed may be the conclusion itself): the failure is still recorded.
    logger.error('a failed round could not be closed; recording the failure alone', { error: error as Error });
    return undefined;
  });
  if (closed?.closed) return;
  await retryOnConflict(async () => {
    const project = await deps.projects.get(input.projectId);
    if (!project) return;
    await deps.projects.save({
      project,
      actor: workflowActor(input.workflow),
      action: 'workflow.failed',
      at: deps.now().toISOString(),
      details: { workflow: input.workflow, round: input.round, error: input.error, roundClosed: false },
    });
  });
};

const closeRound = async (
  input: WorkflowInput,
  end: { outcome: Outcome; status: Round['status']; action: string; error?: string },
  deps: ConclusionDeps,
): Promise<{ stage: string; closed: boolean }> =>
  retryOnConflict(async () => {
    const project = await deps.projects.get(input.projectId);
    if (!project) throw new Error(`Project ${input.projectId} does not exist`);
    const round = project.rounds[input.workflow];
    if (round?.round !== input.round || round.status !== 'running') return { stage: project.stage, closed: false };
    const conclude = CONCLUSIONS[input.workflow];

    const tasks = await Promise.all(
      REVIEW_KINDS.filter((kind) => REVIEWS[kind].workflow === input.workflow).map((kind) =>
        deps.tasks.get(taskId(project.id, input.workflow, input.round, kind)),
      ),
    );
    const stillOpen = tasks.filter((t) => t?.status === 'open').map((t) => t as NonNullable<typeof t>);
    const at = deps.now().toISOString();
    const actor = workflowActor(input.workflow);
    const conclusion = await conclude({ project, round, outcome: end.outcome, actor, at }, deps);
    const saved = await deps.projects.save({
      project,
      actor,
      action: end.action,
      at,
      set: {
        openReviews: openElsewhere(project.openReviews, input.workflow),
        ...conclusion.set,
        rounds: {
          ...project.rounds,
          ...conclusion.set.rounds,
          [input.workflow]: { ...round, status: end.status, concludedAt: at },
        },
      },
      details: {
        round: input.round,
        outcome: end.status,
        ...(end.error ? { error: end.error } : {}),
        closedTasks: stillOpen.map((t) => t.id),
        ...conclusion.details,
      },
      with: [
        ...stillOpen.map((t) => deps.tasks.put({ ...t, status: 'expired' }, { token: t.token, status: 'open' })),
        ...conclusion.with,
      ],
    });
    return { stage: saved.stage, closed: true };
  });
