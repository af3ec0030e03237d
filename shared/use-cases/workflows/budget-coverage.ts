import { shanghaiDate } from '#shared/domain/calendar.ts';
import { contractedFen } from '#shared/domain/contract.ts';
import { CONTRACTS_OVER_BUDGET, contractsOverBudget } from '#shared/domain/money.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import type { Deps } from '../deps.ts';
import { openMoneyFinding, resolveMoneyFinding } from '../obligations/money-findings.ts';
import type { PendingWrite } from '../ports.ts';

/**
 * A budget Finance approved in this round, against the contracts already signed (ART14, ART17):
 * the budget is Finance's to set, so it applies whatever it is; contracts above it open an
 * ART17-WITHIN-BUDGET finding naming their sum, and a budget that covers them resolves one.
 */
export const budgetCoverage = async (
  project: Pick<Project, 'id' | 'ownerDeptId'>,
  approvedBudgetFen: number | null,
  at: string,
  deps: Pick<Deps, 'records' | 'findings'>,
): Promise<{ items: PendingWrite[]; details: Record<string, unknown> }> => {
  if (approvedBudgetFen === null) return { items: [], details: {} };
  const contracted = contractedFen(await deps.records.list('contract', project.id));
  const over = contractsOverBudget(contracted, approvedBudgetFen);
  if (over) {
    const items = await openMoneyFinding(project, over, { at, today: shanghaiDate(new Date(at)) }, deps);
    return { items, details: { finding: over.code, contractedFen: Number(contracted) } };
  }
  return {
    items: await resolveMoneyFinding(project, { code: 'ART17-WITHIN-BUDGET', key: CONTRACTS_OVER_BUDGET }, at, deps),
    details: {},
  };
};
