import * as z from 'zod';
import { BaselineSchema } from './construction.ts';
import { ValidationError } from './errors.ts';
import type { Policy } from './policy.ts';
import { FenSchema, type Project } from './project.schema.ts';
import { Recorded } from './recorded.ts';
import type { Actor } from './roles.ts';
import { multiLine } from './text.ts';
import { type Violation, violation } from './violation.ts';

/** ART22's three listed reasons for a change that may be filed; `other` always goes back through approval. */
export const CHANGE_REASONS = ['directive', 'optimization', 'business-development', 'other'] as const;

export const ChangeInputSchema = z
  .object({
    reason: z.enum(CHANGE_REASONS),
    goalUnchanged: z.boolean(),
    description: multiLine(10_000),
    descriptionDocumentId: z.string().min(1).max(64),
    adjustedAmountFen: FenSchema.describe('The money the change moves; not less than the change it makes to the total'),
    newTotalInvestmentFen: FenSchema,
    baseline: BaselineSchema.optional(),
    collectiveDecisionDocumentId: z.string().min(1).max(64).optional(),
    expertOpinionDocumentId: z.string().min(1).max(64).optional(),
  })
  .strict();
export type ChangeInput = z.infer<typeof ChangeInputSchema>;

export const CHANGE_STATUSES = ['filed', 'pending', 'approved', 'rejected', 'returned'] as const;

export const ChangeSchema = ChangeInputSchema.extend({
  id: z.string(),
  projectId: z.string(),
  /** The change's place in the project's changes, 1 for the first. */
  seq: z.number().int().positive(),
  route: z.enum(['filing', 'reapproval']),
  status: z.enum(CHANGE_STATUSES),
  /** The figures it was judged on (ART22): the estimate, the 10% limit, and the adjusted amounts counted with it. */
  estimateFen: FenSchema,
  previousTotalFen: FenSchema,
  limitFen: FenSchema,
  cumulativeAdjustedFen: FenSchema,
  /** Why it goes back through approval, when it does. */
  reapprovalReasons: z.array(z.string()),
  /** The approval round that re-approves it, for a re-approval. */
  round: z.number().int().positive().nullable(),
  /** A finance review of its round approves this budget; it applies with the change. */
  approvedBudgetFen: FenSchema.nullable(),
  /**
   * ART22's last sentence: a filed change that raises the total above the approved budget (预算)
   * needs Finance's budget review before it applies (`required`); null when it does not. Changes
   * recorded before this rule read as null.
   */
  budgetReview: z.enum(['required']).nullable().default(null),
  /** Where that review stands: open while Finance decides, then approved or rejected. */
  budgetReviewStatus: z.enum(['open', 'approved', 'rejected']).nullable().default(null),
  ...Recorded,
  decidedAt: z.string().nullable(),
});
export type Change = z.infer<typeof ChangeSchema>;

/** 10% of the approved estimate, rounded down, in exact fen (money never passes through a float). */
export const changeLimitFen = (estimateFen: number, policy: Pick<Policy, 'changeFilingMaxPercent'>) =>
  Number((BigInt(estimateFen) * BigInt(policy.changeFilingMaxPercent)) / 100n);

/**
 * The adjusted amounts that count towards the 10% (ART22): every change filed since the last
 * re-approval (rejected and returned changes do not count; a re-approved change starts the count
 * again, so splitting a change cannot evade re-approval).
 */
export const countedAdjustedFen = (changes: readonly Pick<Change, 'seq' | 'status' | 'adjustedAmountFen'>[]) => {
  const lastApproved = Math.max(0, ...changes.filter((c) => c.status === 'approved').map((c) => c.seq));
  return changes
    .filter((c) => c.status === 'filed' && c.seq > lastApproved)
    .reduce((sum, c) => sum + BigInt(c.adjustedAmountFen), 0n);
};

/**
 * ART22's last sentence (项目投资规模超出预算的，严格按照县财政局预算有关规定执行): a change that
 * would be filed but raises the total above the budget Finance approved waits for Finance to
 * approve a new budget. A project without a Finance budget (below the ART14 threshold) has none to
 * exceed; a change that does not raise the total asks Finance for nothing.
 */
export const needsBudgetReview = (
  newTotalInvestmentFen: number,
  project: Pick<Project, 'approvedBudgetFen' | 'totalInvestmentFen'>,
) =>
  project.approvedBudgetFen !== null &&
  newTotalInvestmentFen > project.approvedBudgetFen &&
  newTotalInvestmentFen > project.totalInvestmentFen;

/** The workflow whose round decides a change before it applies: approval for a re-approval, Finance's budget review for a filing above the budget, none otherwise. */
export const changeWorkflow = (change: Pick<Change, 'route' | 'budgetReview'>): 'approval' | 'budget' | null => {
  if (change.route === 'reapproval') return 'approval';
  return change.budgetReview === 'required' ? 'budget' : null;
};

/**
 * ART22: a change is filed with the Data Bureau when it stays within the approved estimate, keeps
 * the goal, has one of the three listed reasons, and its adjusted amount with those counted since
 * the last approval stays within 10% of the estimate (10% itself included). Anything else is
 * declared again through approval. Its adjusted amount may not be less than the change it makes
 * to the total (400).
 */
export const classifyChange = (
  input: ChangeInput,
  project: Pick<Project, 'approvedEstimateFen' | 'totalInvestmentFen' | 'approvedBudgetFen'>,
  changes: readonly Pick<Change, 'seq' | 'status' | 'adjustedAmountFen'>[],
  policy: Pick<Policy, 'changeFilingMaxPercent'>,
) => {
  const previousTotalFen = project.totalInvestmentFen;
  if (input.adjustedAmountFen < Math.abs(input.newTotalInvestmentFen - previousTotalFen)) {
    throw new ValidationError([
      {
        path: 'adjustedAmountFen',
        message: `The change moves the total by ${Math.abs(input.newTotalInvestmentFen - previousTotalFen)} fen; the adjusted amount may not be less.`,
      },
    ]);
  }
  const estimateFen = project.approvedEstimateFen ?? previousTotalFen;
  const limitFen = changeLimitFen(estimateFen, policy);
  const cumulative = countedAdjustedFen(changes) + BigInt(input.adjustedAmountFen);
  // Exact in fen whatever the amounts; a sum past the largest storable figure is far past any limit anyway.
  const cumulativeAdjustedFen = Number(
    cumulative > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : cumulative,
  );
  const reapprovalReasons = [
    ...(input.newTotalInvestmentFen > estimateFen
      ? ['the new total exceeds the approved estimate (超出概算批复)']
      : []),
    ...(input.goalUnchanged ? [] : ['the goal changes (建设目标改变)']),
    ...(input.reason === 'other' ? ['the reason is not one of the three listed'] : []),
    ...(cumulative > BigInt(limitFen)
      ? [
          `the adjusted amounts since the last approval (${cumulativeAdjustedFen} fen) exceed 10% of the estimate (${limitFen} fen)`,
        ]
      : []),
  ];
  const route = reapprovalReasons.length === 0 ? ('filing' as const) : ('reapproval' as const);
  return {
    route,
    budgetReview:
      route === 'filing' && needsBudgetReview(input.newTotalInvestmentFen, project) ? ('required' as const) : null,
    estimateFen,
    previousTotalFen,
    limitFen,
    cumulativeAdjustedFen,
    reapprovalReasons,
  };
};

/**
 * What each route needs on record: a verified change description (filing, ART22-CHANGE-FILING);
 * for a re-approval, which is declaring again, the department head posting it (ART10) with a
 * verified collective decision and expert opinion for the change (ART12).
 */
export const changeViolations = (
  input: ChangeInput,
  route: 'filing' | 'reapproval',
  actor: Actor,
  verified: (id: string | undefined, kind: 'change-description' | 'collective-decision' | 'expert-opinion') => boolean,
): Violation[] => {
  const code = route === 'filing' ? 'ART22-CHANGE-FILING' : 'ART22-REAPPROVAL';
  const found: Violation[] = [];
  if (!verified(input.descriptionDocumentId, 'change-description')) {
    found.push(violation(code, 'descriptionDocumentId', 'Name a verified change-description document.'));
  }
  if (route === 'reapproval') {
    if (!actor.roles.includes('dept-head')) {
      found.push(violation(code, 'signOff', 'A re-approval is declared by the department head (ART10).'));
    }
    if (!verified(input.collectiveDecisionDocumentId, 'collective-decision')) {
      found.push(
        violation(
          code,
          'collectiveDecisionDocumentId',
          'A verified collective decision for the change, made since the last approval (ART12).',
        ),
      );
    }
    if (!verified(input.expertOpinionDocumentId, 'expert-opinion')) {
      found.push(
        violation(
          code,
          'expertOpinionDocumentId',
          'A verified expert opinion for the change, given since the last approval (ART12).',
        ),
      );
    }
  }
  return found;
};
