import type { Project, Round, StoredProject } from '#shared/domain/project.schema.ts';
import { REVIEW_KINDS, type WorkflowKind } from '#shared/domain/review-catalogue.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { type Outcome, taskId, type WorkflowInput } from '#shared/domain/workflow.ts';
import { logger } from '#shared/observability/logger.ts';
import { retryOnConflict } from '#shared/retry.ts';
import type { TransactItem } from '#shared/store/transactions.ts';
import type { Deps } from '../deps.ts';
import { concludeApproval } from './conclude-approval.ts';
import { workflowActor } from './workflow-actor.ts';

export type ConclusionDeps = Pick<
  Deps,
  'projects' | 'tasks' | 'records' | 'obligations' | 'calendar' | 'policy' | 'now'
>;

/** What a round's outcome does to its project: the fields it sets, what changes with it, what the audit event says. */
export type Conclusion = (
  context: { project: StoredProject; round: Round; outcome: Outcome; actor: Actor; at: string },
  deps: ConclusionDeps,
) => Promise<{ set: Partial<Project>; with: TransactItem[]; details: Record<string, unknown> }>;

const CONCLUSIONS: Partial<Record<WorkflowKind, Conclusion>> = { approval: concludeApproval };

/**
 * The end of a round: the workflow's own conclusion applies, any review still open in the round
 * (a parallel branch cut short by a rejection) expires, and the round records its outcome. A
 * step of a round that is over, or a retried one, changes nothing.
 */
export const concludeRound = async (
  input: WorkflowInput & { outcome: Outcome },
  deps: ConclusionDeps,
): Promise<{ stage: string }> =>
  retryOnConflict(async () => {
    const project = await deps.projects.get(input.projectId);
    if (!project) throw new Error(`Project ${input.projectId} does not exist`);
    const round = project.rounds[input.workflow];
    if (round?.round !== input.round || round.status !== 'running') return { stage: project.stage };
    const conclude = CONCLUSIONS[input.workflow];
    if (!conclude) throw new Error(`No conclusion for the ${input.workflow} workflow`);

    const tasks = await Promise.all(
      REVIEW_KINDS.map((kind) => deps.tasks.get(taskId(project.id, input.workflow, input.round, kind))),
    );
    const stillOpen = tasks.filter((t) => t?.status === 'open').map((t) => t as NonNullable<typeof t>);
    const at = deps.now().toISOString();
    const actor = workflowActor(input.workflow);
    const conclusion = await conclude({ project, round, outcome: input.outcome, actor, at }, deps);
    const saved = await deps.projects.save({
      project,
      actor,
      action: `${input.workflow}.concluded`,
      at,
      set: {
        openReviews: [],
        ...conclusion.set,
        rounds: { ...project.rounds, ...conclusion.set.rounds, [input.workflow]: { ...round, status: input.outcome } },
      },
      details: {
        round: input.round,
        outcome: input.outcome,
        closedTasks: stillOpen.map((t) => t.id),
        ...conclusion.details,
      },
      with: [
        ...stillOpen.map((t) => deps.tasks.put({ ...t, status: 'expired' }, { token: t.token, status: 'open' })),
        ...conclusion.with,
      ],
    });
    return { stage: saved.stage };
  });

/** Every workflow task's catch ends here: the failure is on the project's record, not only in a log. */
export const recordWorkflowFailure = async (
  input: WorkflowInput & { error: string; cause: string },
  deps: Pick<Deps, 'projects' | 'now'>,
): Promise<void> =>
  retryOnConflict(async () => {
    const project = await deps.projects.get(input.projectId);
    logger.error('workflow step failed', {
      projectId: input.projectId,
      workflow: input.workflow,
      error: input.error,
      cause: input.cause,
    });
    if (!project) return;
    await deps.projects.save({
      project,
      actor: workflowActor(input.workflow),
      action: 'workflow.failed',
      at: deps.now().toISOString(),
      // The error's name only: its cause can hold a stack trace, which no client may ever see.
      details: { workflow: input.workflow, round: input.round, error: input.error },
    });
  });
