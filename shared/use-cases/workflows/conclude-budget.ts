import { SINGLE } from '#shared/domain/phase-records.ts';
import { recorded } from '#shared/domain/recorded.ts';
import { alignBaselineDuties } from '../obligations/baseline-duties.ts';
import type { PendingWrite } from '../ports.ts';
import { budgetCoverage } from './budget-coverage.ts';
import type { Conclusion } from './conclusion.ts';

/**
 * Finance's budget review of a filed change ends (ART22's last sentence: 按县财政局预算有关规定执行).
 * Approved, the change applies as a filing does (the new total, its baseline; the estimate stays)
 * with the budget Finance approved, which is judged against the contracts already signed like any
 * budget (ART17). Rejected (or a failed round), nothing of it applies: the change is recorded as
 * decided and the project keeps its total and budget.
 */
export const concludeBudget: Conclusion = async ({ project, round, outcome, actor, at }, deps) => {
  if (!round.changeId) throw new Error(`Budget round ${round.round} of project ${project.id} names no change`);
  const change = await deps.records.get('change', project.id, round.changeId);
  if (!change) throw new Error(`Change ${round.changeId} of project ${project.id} does not exist`);
  const approved = outcome === 'approved';
  const decided = {
    ...change,
    status: approved ? ('filed' as const) : outcome,
    budgetReviewStatus: approved ? ('approved' as const) : ('rejected' as const),
    approvedBudgetFen: approved ? round.approvedBudgetFen : null,
    decidedAt: at,
  };
  const items: PendingWrite[] = [deps.records.put('change', decided, 'any')];
  if (!approved) {
    return { set: {}, with: items, details: { changeId: change.id, budgetReview: 'rejected' } };
  }
  const budget = await budgetCoverage(project, round.approvedBudgetFen, at, deps);
  items.push(...budget.items);
  if (change.baseline) {
    const baseline = { ...change.baseline, id: SINGLE, projectId: project.id, ...recorded(actor, at) };
    items.push(
      deps.records.put('baseline', baseline, 'any'),
      ...(await alignBaselineDuties(project, change.baseline, actor, at, deps)),
    );
  }
  return {
    set: {
      totalInvestmentFen: change.newTotalInvestmentFen,
      approvedBudgetFen: round.approvedBudgetFen ?? project.approvedBudgetFen,
    },
    with: items,
    details: {
      changeId: change.id,
      budgetReview: 'approved',
      totalInvestmentFen: change.newTotalInvestmentFen,
      approvedBudgetFen: round.approvedBudgetFen,
      ...budget.details,
    },
  };
};
