import { type Action, nextStage } from '#shared/domain/lifecycle.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import { reconcileEmergencyDuties } from '../obligations/emergency-duties.ts';
import { cancel } from '../obligations/settle-obligations.ts';
import type { Conclusion } from './conclude-round.ts';

const OUTCOME_ACTION = { approved: 'approve', rejected: 'reject', returned: 'return' } as const satisfies Record<
  string,
  Action
>;

/**
 * A declaration's approval round ends: approved, the project takes `approved` (an emergency
 * project already building goes straight to `construction`, ART15) and its total becomes the
 * approved estimate (概算, ART22's base); rejected or returned, the budget filing a parallel
 * finance approval opened no longer applies (ART14) and is cancelled. An emergency project's
 * duties are counted again on the outcome.
 */
export const concludeApproval: Conclusion = async ({ project, round, outcome, actor, at }, deps) => {
  const approved = outcome === 'approved';
  const action = approved && project.constructionStartedAt ? 'approve-building' : OUTCOME_ACTION[outcome];
  const set = {
    stage: nextStage(action),
    ...(approved
      ? {
          approvedEstimateFen: project.totalInvestmentFen,
          approvedBy: [...new Set([...project.approvedBy, ...round.passed])],
        }
      : {}),
  } satisfies Partial<Project>;
  const budgetFiling = approved
    ? { items: [], settled: [] }
    : await cancel(project, 'ART14-BUDGET-FILING', [`approval-${round.round}`], actor, at, deps);
  const after: Project = { ...project, ...set, rounds: { ...project.rounds, approval: { ...round, status: outcome } } };
  const emergency = await reconcileEmergencyDuties(after, actor, at, deps);
  return {
    set,
    with: [...budgetFiling.items, ...emergency.items],
    details: {
      ...(approved ? { approvedEstimateFen: set.approvedEstimateFen } : {}),
      ...(budgetFiling.settled.length > 0 ? { cancelledDuties: budgetFiling.settled.map((o) => o.code) } : {}),
      ...(emergency.cancelled.length > 0 ? { emergencyDutiesCancelled: emergency.cancelled } : {}),
    },
  };
};
