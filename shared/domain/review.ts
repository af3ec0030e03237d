import * as z from 'zod';
import type { DocumentKind, ProjectDocument } from './document.schema.ts';
import { ForbiddenError, ValidationError } from './errors.ts';
import { FenSchema, type Project, type ReviewKind, ReviewKindSchema } from './project.schema.ts';
import { type Actor, hasAnyRole, type Role } from './roles.ts';
import type { RuleCode } from './rules/catalog.ts';
import { multiLine } from './text.ts';
import { type Violation, violation } from './violation.ts';

/** Who decides each review (API.md § Stages and reviews; ART04, ART13, ART14). */
export const REVIEW_ROLE: Record<ReviewKind, Role> = {
  'tech-review': 'data-bureau',
  'project-approval': 'approval-bureau',
  'finance-review': 'finance',
};

/** The checklist of each review, and the rule a failed item stands for. */
export const CHECKLIST: Record<ReviewKind, Record<string, RuleCode>> = {
  'tech-review': {
    resourceCatalogue: 'ART13-TECH-REVIEW',
    dataSharing: 'ART13-TECH-REVIEW',
    consolidation: 'ART13-TECH-REVIEW',
    cloudMigration: 'ART13-TECH-REVIEW',
    commandCentreLinkage: 'ART13-TECH-REVIEW',
    noPolicyConflict: 'ART07-POLICY-CONFLICT',
    notDisguised: 'ART07-DISGUISED',
  },
  'project-approval': {},
  'finance-review': {},
};

/** The written opinion each review issues, uploaded as a document before approving. */
/** The article each review answers to. */
export const REVIEW_RULE: Record<ReviewKind, RuleCode> = {
  'tech-review': 'ART13-TECH-REVIEW',
  'project-approval': 'ART13-PROJECT-APPROVAL',
  'finance-review': 'ART14-FINANCE-REVIEW',
};

export const OPINION_DOCUMENT: Record<ReviewKind, DocumentKind> = {
  'tech-review': 'tech-review-opinion',
  'project-approval': 'project-approval-reply',
  'finance-review': 'budget-approval',
};

export const DECISIONS = ['approve', 'reject', 'return'] as const;

export const DecisionInputSchema = z
  .object({
    decision: z.enum(DECISIONS),
    opinion: multiLine(10_000),
    opinionDocumentId: z.string().max(64).nullish(),
    checklist: z.record(
      z.string().max(64),
      z.object({ ok: z.boolean(), note: multiLine(2000, { empty: 'allowed' }).optional() }).strict(),
    ),
    approvedBudgetFen: FenSchema.nullish(),
  })
  .strict();
export type DecisionInput = z.infer<typeof DecisionInputSchema>;

export const TASK_STATUSES = ['open', 'decided', 'expired'] as const;

export const TaskSchema = z.object({
  id: z.string(),
  kind: ReviewKindSchema,
  role: z.string(),
  projectId: z.string(),
  submission: z.number().int().positive(),
  status: z.enum(TASK_STATUSES),
  dueDate: z.string(),
  /** The due date was counted into a year with no calendar yet. */
  dueProvisional: z.boolean(),
  createdAt: z.string(),
  openedAt: z.string(),
  escalations: z.number().int().min(0),
  decision: DecisionInputSchema.extend({
    decidedBy: z.string(),
    decidedByName: z.string(),
    decidedAt: z.string(),
  }).optional(),
});
export type Task = z.infer<typeof TaskSchema>;

/** A task as stored: the callback token stays here and is never returned by any API. */
export const StoredTaskSchema = TaskSchema.extend({
  token: z.string(),
  /** When the workflow stops waiting and escalates (ISO instant). */
  expiresAt: z.string(),
  ownerDeptId: z.string(),
  submittedBy: z.string().nullable(),
});
export type StoredTask = z.infer<typeof StoredTaskSchema>;

export const taskId = (projectId: string, submission: number, kind: ReviewKind) => `${projectId}.${submission}.${kind}`;

/**
 * Separation of duties: whoever submitted the project, and anyone of its owner department,
 * never decides its review (DESIGN.md § Roles).
 */
export const assertMayDecide = (actor: Actor, task: Pick<StoredTask, 'role' | 'ownerDeptId' | 'submittedBy'>) => {
  if (!hasAnyRole(actor, [task.role as Role])) throw new ForbiddenError(`This review is decided by ${task.role}.`);
  if (task.submittedBy === actor.sub || (actor.deptId !== null && actor.deptId === task.ownerDeptId)) {
    throw new ForbiddenError('Who declared a project, or belongs to its department, does not decide its review.');
  }
};

/**
 * The checks a decision must pass beyond its shape: a complete checklist (400 if an item is
 * missing or unknown), every item ok to approve (422 with the item's rule), the opinion document
 * verified, and for finance an approved budget within the declared total.
 */
export const decisionViolations = (
  kind: ReviewKind,
  input: DecisionInput,
  project: Pick<Project, 'id' | 'totalInvestmentFen'>,
  opinionDocument: ProjectDocument | undefined,
): Violation[] => {
  const items = CHECKLIST[kind];
  const missing = Object.keys(items).filter((item) => !(item in input.checklist));
  const unknown = Object.keys(input.checklist).filter((item) => !(item in items));
  if (missing.length > 0 || unknown.length > 0) {
    throw new ValidationError([
      ...missing.map((item) => ({ path: `checklist.${item}`, message: 'Answer every checklist item of this review.' })),
      ...unknown.map((item) => ({ path: `checklist.${item}`, message: 'Not an item of this review.' })),
    ]);
  }
  const found: Violation[] = [];
  const reviewRule = REVIEW_RULE[kind];
  if (input.decision === 'approve') {
    for (const [item, code] of Object.entries(items)) {
      if (!input.checklist[item]?.ok)
        found.push(violation(code, `checklist.${item}`, 'A project that fails this item is not approved.'));
    }
    if (!input.opinionDocumentId) {
      found.push(
        violation(reviewRule, 'opinionDocumentId', `Approving needs the verified ${OPINION_DOCUMENT[kind]} document.`),
      );
    }
    if (kind === 'finance-review') {
      if (input.approvedBudgetFen === undefined || input.approvedBudgetFen === null) {
        found.push(violation('ART14-FINANCE-REVIEW', 'approvedBudgetFen', 'Approving states the approved budget.'));
      } else if (input.approvedBudgetFen > project.totalInvestmentFen) {
        found.push(
          violation('ART14-FINANCE-REVIEW', 'approvedBudgetFen', 'The approved budget exceeds the declared total.'),
        );
      }
    }
  }
  if (input.opinionDocumentId) {
    const ok =
      opinionDocument?.projectId === project.id &&
      opinionDocument.kind === OPINION_DOCUMENT[kind] &&
      opinionDocument.status === 'verified';
    if (!ok) {
      found.push(
        violation(
          reviewRule,
          'opinionDocumentId',
          `It must name a verified ${OPINION_DOCUMENT[kind]} document of this project.`,
        ),
      );
    }
  }
  return found;
};
