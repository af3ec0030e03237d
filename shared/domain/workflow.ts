import * as z from 'zod';
import type { Policy } from './policy.ts';
import type { Project, Round } from './project.schema.ts';
import {
  type ReviewKind,
  ReviewKindSchema,
  WORKFLOWS,
  type WorkflowKind,
  WorkflowKindSchema,
} from './review-catalogue.ts';

/**
 * What a workflow execution is started with: the project and the round. One execution per round
 * (a declaration, a change's re-approval, an acceptance), named after it, so a retried start is
 * the same execution. Which reviews apply is asked of the domain by the execution's Route step
 * once its first review is approved (a correction by that review re-routes), never decided in ASL.
 */
export const WorkflowInputSchema = z.object({
  workflow: WorkflowKindSchema,
  projectId: z.string().min(1),
  round: z.number().int().positive(),
  /** The review the round opens with, where its workflow offers more than one (a filing or an O&M report). */
  kind: ReviewKindSchema.optional(),
});
export type WorkflowInput = z.infer<typeof WorkflowInputSchema>;

export const executionName = (input: WorkflowInput) => `${input.projectId}-${input.workflow}-${input.round}`;

export const taskId = (projectId: string, workflow: WorkflowKind, round: number, kind: ReviewKind) =>
  `${projectId}.${workflow}.${round}.${kind}`;

/** A review's state name in the ASL, from its kind: `tech-review` → `TechReview`. */
export const stateName = (kind: ReviewKind) =>
  kind.replace(/(^|-)([a-z])/g, (_, _dash: string, letter: string) => letter.toUpperCase());

const RoundFields = { workflow: WorkflowKindSchema, projectId: z.string().min(1), round: z.number().int().positive() };

/** Every step a workflow asks of its step function, one schema each (the ASL builds these payloads). */
export const WorkflowStepSchema = z.discriminatedUnion('step', [
  z.object({
    step: z.literal('open-review'),
    kind: ReviewKindSchema,
    taskToken: z.string().min(1),
    timeoutSeconds: z.number().int().positive(),
    ...RoundFields,
  }),
  z.object({ step: z.literal('escalate'), kind: ReviewKindSchema, ...RoundFields }),
  z.object({ step: z.literal('route'), ...RoundFields }),
  z.object({ step: z.literal('conclude'), outcome: z.enum(['approved', 'rejected', 'returned']), ...RoundFields }),
  z.object({
    step: z.literal('record-failure'),
    failure: z.object({ Error: z.string().default('Unknown'), Cause: z.string().default('') }),
    ...RoundFields,
  }),
]);
export type WorkflowStep = z.infer<typeof WorkflowStepSchema>;
export type Outcome = Extract<WorkflowStep, { step: 'conclude' }>['outcome'];

/** What the Route step answers: for each parallel review of the workflow, whether it applies. */
export type Routing = Partial<Record<ReviewKind, boolean>>;

/** ART13-PROJECT-APPROVAL: key projects and projects involving engineering construction. */
export const needsProjectApproval = (project: Pick<Project, 'keyProject' | 'involvesConstruction'>) =>
  project.keyProject || project.involvesConstruction;

/** ART14-FINANCE-REVIEW: a total investment of the threshold or more, the threshold itself included. */
export const needsFinanceReview = (totalFen: number, policy: Pick<Policy, 'financeReviewThresholdFen'>) =>
  totalFen >= policy.financeReviewThresholdFen;

/** A round that starts now: the n-th of its workflow, about a change or a declaration (or, for a confirmation, the record it confirms). */
export const runningRound = (
  round: number,
  changeId: string | null = null,
  confirms: { kind: ReviewKind; subjectId: string } | null = null,
): Round => ({
  round,
  status: 'running',
  changeId,
  passed: [],
  approvedBudgetFen: null,
  concludedAt: null,
  kind: confirms?.kind ?? null,
  subjectId: confirms?.subjectId ?? null,
});

const assertNever = (value: never): never => {
  throw new Error(`No routing for ${String(value)}`);
};

/** The round a workflow is in on this project, if any. */
export const currentRound = (project: Pick<Project, 'rounds'>, workflow: WorkflowKind) => project.rounds[workflow];

/**
 * Which of a workflow's parallel reviews apply to the project as it stands. For approval: ART13
 * project approval for key or construction projects, ART14 finance review from the threshold, and
 * for a change's re-approval also whenever its new total exceeds the approved budget (ART22). For
 * acceptance: completion acceptance by the DRC for projects that went through ART13 project approval.
 */
export const routing = (
  workflow: WorkflowKind,
  project: Pick<
    Project,
    'keyProject' | 'involvesConstruction' | 'totalInvestmentFen' | 'approvedBy' | 'approvedBudgetFen'
  >,
  policy: Pick<Policy, 'financeReviewThresholdFen'>,
  change?: { newTotalInvestmentFen: number },
): Routing => {
  const parallel = WORKFLOWS[workflow].parallel;
  const applies = (kind: ReviewKind): boolean => {
    switch (kind) {
      case 'project-approval':
        return needsProjectApproval(project);
      case 'finance-review': {
        const total = change?.newTotalInvestmentFen ?? project.totalInvestmentFen;
        const overBudget =
          change !== undefined && project.approvedBudgetFen !== null && total > project.approvedBudgetFen;
        return needsFinanceReview(total, policy) || overBudget;
      }
      case 'completion-acceptance':
        return project.approvedBy.includes('project-approval');
      // Reviews that open their round are never routed in parallel: named here so a new kind must be placed.
      case 'tech-review':
      case 'tech-acceptance':
      case 'emergency-confirmation':
      case 'filing-confirmation':
      case 'om-report-confirmation':
      case 'budget-review':
        return false;
      default:
        return assertNever(kind);
    }
  };
  return Object.fromEntries(parallel.map((kind) => [kind, applies(kind)]));
};
