import { ACTIONS } from './lifecycle.ts';
import type { Project } from './project.schema.ts';
import type { StoredTask } from './review.ts';
import { type ReviewKind, WORKFLOWS, type WorkflowKind } from './review-catalogue.ts';
import type { Stage } from './stages.ts';
import { taskId } from './workflow.ts';

/**
 * The stages a review round may run in: a declaration's (tech and approval review, an emergency
 * project's included, which builds from there), a change's re-approval (ART22) and an acceptance.
 * The sweep looks for stranded reviews only here.
 */
export const REVIEWING_STAGES: readonly Stage[] = [
  ...new Set<Stage>([...ACTIONS['open-approval-review'].from, ...ACTIONS.change.from, ...ACTIONS.accept.from]),
];

/** A review of a running round, by the id its task has (or would have). */
export interface RoundReview {
  readonly workflow: WorkflowKind;
  readonly round: number;
  readonly kind: ReviewKind;
  readonly taskId: string;
}

/** Every review each running round of the project may have, first and parallel. */
export const reviewsOfRunningRounds = (project: Pick<Project, 'id' | 'rounds'>): RoundReview[] =>
  (Object.keys(WORKFLOWS) as WorkflowKind[]).flatMap((workflow) => {
    const round = project.rounds[workflow];
    if (round?.status !== 'running') return [];
    const { first, parallel } = WORKFLOWS[workflow];
    return [first, ...parallel].map((kind) => ({
      workflow,
      round: round.round,
      kind,
      taskId: taskId(project.id, workflow, round.round, kind),
    }));
  });

/**
 * What a crash can leave behind, and how the sweep mends it:
 * - `start-workflow`: the project says the review is open (a submission, a change or a completion
 *   recorded it) but no task exists; the round's execution may never have started.
 * - `deliver-decision`: the task is decided but its round still runs; the decision may never have
 *   reached the step waiting for it.
 * Both repairs are idempotent at the workflow: a round already running is not started twice and a
 * step no longer waiting refuses the decision, so a repair that was not needed does nothing.
 */
export type StrandedReview =
  | (RoundReview & { readonly repair: 'start-workflow' })
  | (RoundReview & { readonly repair: 'deliver-decision'; readonly task: StoredTask });

export const strandedReviews = (
  project: Pick<Project, 'id' | 'rounds' | 'openReviews'>,
  tasks: ReadonlyMap<string, StoredTask>,
): StrandedReview[] =>
  reviewsOfRunningRounds(project).flatMap((review): StrandedReview[] => {
    const task = tasks.get(review.taskId);
    if (!task) return project.openReviews.includes(review.kind) ? [{ ...review, repair: 'start-workflow' }] : [];
    return task.status === 'decided' && task.decision ? [{ ...review, repair: 'deliver-decision', task }] : [];
  });
