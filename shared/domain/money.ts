import type { Baseline } from './construction.ts';
import type { Project } from './project.schema.ts';
import type { RuleCode } from './rules/catalog.ts';
import { type Violation, violation } from './violation.ts';

/**
 * Money stays within what was approved (ART14, ART17, ART20, ART22). Pure figures: what a
 * baseline may plan to spend, and what the findings about money say.
 */

/**
 * What a baseline's planned spend may come to (ART20 against ART14): the budget Finance approved,
 * else the estimate the approval fixed (no finance review below its threshold), else — building
 * before approval under ART15 — the total declared.
 */
export const spendCeiling = (
  project: Pick<Project, 'approvedBudgetFen' | 'approvedEstimateFen' | 'totalInvestmentFen'>,
): { fen: number; of: 'approved budget' | 'approved estimate' | 'declared total'; zh: string } => {
  if (project.approvedBudgetFen !== null)
    return { fen: project.approvedBudgetFen, of: 'approved budget', zh: '批复预算' };
  if (project.approvedEstimateFen !== null) {
    return { fen: project.approvedEstimateFen, of: 'approved estimate', zh: '批复概算' };
  }
  return { fen: project.totalInvestmentFen, of: 'declared total', zh: '申报总投资' };
};

/**
 * ART20-BASELINE: a baseline whose planned spend (cumulative, so its largest milestone figure)
 * exceeds what was approved is no plan to build within it; each milestone above is named.
 */
export const baselineSpendViolations = (
  baseline: Baseline,
  ceiling: { fen: number; of: string; zh: string },
  at = 'baseline',
): Violation[] =>
  baseline.milestones.flatMap((milestone, i) =>
    milestone.plannedSpentFen > ceiling.fen
      ? [
          violation(
            'ART20-BASELINE',
            `${at}.milestones.${i}.plannedSpentFen`,
            `${milestone.name} plans ${milestone.plannedSpentFen} fen, above the ${ceiling.of} of ${ceiling.fen} fen.`,
            `：${milestone.name}计划累计支出 ${milestone.plannedSpentFen} 分，超出${ceiling.zh} ${ceiling.fen} 分`,
          ),
        ]
      : [],
  );

/** A finding about money that no duty's clock opens: its rule, the key it stands under, what it says. */
export interface MoneyFinding {
  readonly code: RuleCode;
  readonly key: string;
  readonly description: string;
}

/** The key of the ART17 finding a budget below the contracts signed opens. */
export const CONTRACTS_OVER_BUDGET = 'contracts-over-budget';
/** The key of the ART20 finding a reported spend above the approved estimate opens. */
export const SPEND_OVER_ESTIMATE = 'spend-over-estimate';

/**
 * ART17-WITHIN-BUDGET: Finance sets the budget (ART14), so a budget below the contracts already
 * signed is accepted; the contracts then stand above it, which is a finding naming their sum.
 */
export const contractsOverBudget = (contractedFen: bigint, approvedBudgetFen: number | null): MoneyFinding | null =>
  approvedBudgetFen !== null && contractedFen > BigInt(approvedBudgetFen)
    ? {
        code: 'ART17-WITHIN-BUDGET',
        key: CONTRACTS_OVER_BUDGET,
        description: `已签合同合计 ${contractedFen} 分，超出批复预算 ${approvedBudgetFen} 分 (contracts signed come to ${contractedFen} fen, above the approved budget of ${approvedBudgetFen} fen)`,
      }
    : null;

/** ART20-BASELINE: a milestone report whose cumulative spend exceeds the approved estimate (概算). */
export const spendOverEstimate = (
  report: { milestone: string; spentFen: number },
  project: Pick<Project, 'approvedEstimateFen' | 'totalInvestmentFen'>,
): MoneyFinding | null => {
  const estimateFen = project.approvedEstimateFen ?? project.totalInvestmentFen;
  return report.spentFen > estimateFen
    ? {
        code: 'ART20-BASELINE',
        key: SPEND_OVER_ESTIMATE,
        description: `里程碑“${report.milestone}”报告累计支出 ${report.spentFen} 分，超出批复概算 ${estimateFen} 分 (spent ${report.spentFen} fen at ${report.milestone}, above the approved estimate of ${estimateFen} fen)`,
      }
    : null;
};
