import { describe, expect, it } from 'vitest';
import type { Baseline } from '#shared/domain/construction.ts';
import { amendedPlanViolations } from '#shared/domain/contract.ts';
import { baselineSpendViolations, contractsOverBudget, spendCeiling, spendOverEstimate } from '#shared/domain/money.ts';
import type { ProcurementPlanInput } from '#shared/domain/procurement.ts';

const baseline = (plannedSpentFen: number): Baseline => ({
  plannedCompletionOn: '2030-06-30',
  milestones: [
    { name: '需求分析', dueOn: '2030-01-15', plannedSpentFen: 1_000_000 },
    { name: '上线试运行', dueOn: '2030-06-15', plannedSpentFen },
  ],
});

describe('money stays within what was approved', () => {
  it('ART20-BASELINE: a baseline plans within the approved budget, else the approved estimate, else the declared total', () => {
    expect(spendCeiling({ approvedBudgetFen: 8, approvedEstimateFen: 9, totalInvestmentFen: 10 })).toMatchObject({
      fen: 8,
      of: 'approved budget',
    });
    expect(spendCeiling({ approvedBudgetFen: null, approvedEstimateFen: 9, totalInvestmentFen: 10 }).fen).toBe(9);
    expect(spendCeiling({ approvedBudgetFen: null, approvedEstimateFen: null, totalInvestmentFen: 10 })).toMatchObject({
      fen: 10,
      of: 'declared total',
    });
    const ceiling = { fen: 5_000_000, of: 'approved budget', zh: '批复预算' };
    expect(baselineSpendViolations(baseline(5_000_000), ceiling)).toEqual([]);
    expect(baselineSpendViolations(baseline(5_000_001), ceiling)).toEqual([
      expect.objectContaining({ code: 'ART20-BASELINE', article: 20, path: 'baseline.milestones.1.plannedSpentFen' }),
    ]);
  });

  it('ART20-BASELINE: a reported spend above the approved estimate is a finding, the estimate itself is not', () => {
    const project = { approvedEstimateFen: 10_000_000, totalInvestmentFen: 12_000_000 };
    expect(spendOverEstimate({ milestone: 'x', spentFen: 10_000_000 }, project)).toBeNull();
    expect(spendOverEstimate({ milestone: 'x', spentFen: 10_000_001 }, project)).toMatchObject({
      code: 'ART20-BASELINE',
      key: 'spend-over-estimate',
    });
  });

  it('ART17-WITHIN-BUDGET: a budget below the contracts signed is a finding naming their sum', () => {
    expect(contractsOverBudget(63_000_000n, 63_000_000)).toBeNull();
    expect(contractsOverBudget(63_000_000n, null)).toBeNull();
    expect(contractsOverBudget(63_000_000n, 10_000_000)?.description).toContain('63000000');
  });

  it('ART17-WITHIN-BUDGET: an amended plan stays within the approved budget and not below the contracts signed', () => {
    const plan = (budgetFen: number): ProcurementPlanInput => ({
      planDocumentId: 'd',
      budgetFen,
      method: 'public-tender',
      requiredQualifications: [],
    });
    const project = {
      approvedBudgetFen: 120,
      approvedEstimateFen: 120,
      totalInvestmentFen: 120,
      classified: false,
      emergency: null,
    };
    const signed = [{ amountFen: 60 }, { amountFen: 3 }];
    const verified = () => true;
    expect(amendedPlanViolations(plan(115), project, signed, verified)).toEqual([]);
    expect(amendedPlanViolations(plan(62), project, signed, verified).map((v) => v.code)).toEqual([
      'ART17-WITHIN-BUDGET',
    ]);
    expect(amendedPlanViolations(plan(121), project, signed, verified).map((v) => v.code)).toEqual([
      'ART17-WITHIN-BUDGET',
    ]);
  });
});
