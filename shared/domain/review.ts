import * as z from 'zod';
import type { ProjectDocument } from './document.schema.ts';
import { ForbiddenError, ValidationError } from './errors.ts';
import { FenSchema, type Project } from './project.schema.ts';
import {
  ChecklistEntrySchema,
  DECISIONS,
  REVIEWS,
  type ReviewKind,
  ReviewKindSchema,
  WorkflowKindSchema,
} from './review-catalogue.ts';
import { type Actor, hasAnyRole, type Role, RoleSchema } from './roles.ts';
import { multiLine } from './text.ts';
import { type Violation, violation } from './violation.ts';

export { DECISIONS };

const ScopeSchema = z
  .object({ dataCentre: z.boolean(), machineRoom: z.boolean(), cloudPlatform: z.boolean() })
  .strict();

/**
 * The technical review's correction of the flags that route a project (ART13, ART07): applied to
 * the project with the decision, recorded on the audit trail, and the workflow re-routes on it.
 */
export const ClassificationSchema = z
  .object({ keyProject: z.boolean(), involvesConstruction: z.boolean(), scope: ScopeSchema })
  .strict();
export type Classification = z.infer<typeof ClassificationSchema>;

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
    classification: ClassificationSchema.nullish(),
  })
  .strict();
export type DecisionInput = z.infer<typeof DecisionInputSchema>;

export const TASK_STATUSES = ['open', 'decided', 'expired'] as const;

export const TaskSchema = z.object({
  id: z.string(),
  kind: ReviewKindSchema,
  role: z.string(),
  projectId: z.string(),
  workflow: WorkflowKindSchema,
  round: z.number().int().positive(),
  /** The change whose re-approval this round is (ART22), or null. */
  changeId: z.string().nullable(),
  status: z.enum(TASK_STATUSES),
  dueDate: z.string(),
  /** The due date was counted into a year with no calendar yet. */
  dueProvisional: z.boolean(),
  createdAt: z.string(),
  openedAt: z.string(),
  escalations: z.number().int().min(0),
  /** Every item the decision must answer (API.md): a portal renders the form from the task. */
  checklistItems: z.array(z.string()),
  checklist: z.array(ChecklistEntrySchema),
  /** Decided by the reviewing bureau on its own project (ART04: it decides rather than deadlock), for the Audit Bureau. */
  conflictOfInterest: z.boolean(),
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
  /** The reviewing bureau the owner department is, if it is one (its `bureauRole` when the task opened). */
  ownerBureauRole: RoleSchema.nullable(),
  submittedBy: z.string().nullable(),
});
export type StoredTask = z.infer<typeof StoredTaskSchema>;

type Authority = Pick<StoredTask, 'role' | 'ownerDeptId' | 'ownerBureauRole' | 'submittedBy'>;

/**
 * Separation of duties (ART04): whoever submitted the project never decides its review, nor does
 * anyone of its owner department — except where the owner department is itself the reviewing
 * bureau: then the bureau decides its own project, marked as a conflict of interest for the
 * Audit Bureau, rather than deadlock. Whoever may not decide a review may not author its opinion.
 */
export const decisionAuthority = (actor: Actor, task: Authority): { conflictOfInterest: boolean } => {
  if (!hasAnyRole(actor, [task.role as Role])) throw new ForbiddenError(`This review is decided by ${task.role}.`);
  if (task.submittedBy === actor.sub) throw new ForbiddenError('Who declared a project does not decide its review.');
  if (actor.deptId !== null && actor.deptId === task.ownerDeptId) {
    if (task.ownerBureauRole === task.role) return { conflictOfInterest: true };
    throw new ForbiddenError('Nobody of the owner department decides its review.');
  }
  return { conflictOfInterest: false };
};

export const mayDecide = (actor: Actor, task: Authority): boolean => {
  try {
    decisionAuthority(actor, task);
    return true;
  } catch {
    return false;
  }
};

export interface DecisionContext {
  readonly project: Pick<Project, 'id'>;
  /** Its checklist is the one stored on the task when it opened (an emergency project's technical review asks one more item). */
  readonly task: Pick<StoredTask, 'id' | 'kind' | 'checklistItems'>;
  readonly actor: Actor;
  /** The total the review judges: the declared total, or a change's new total (ART22). */
  readonly totalFen: number;
  readonly opinionDocument: ProjectDocument | undefined;
  /** What else must hold to approve this kind (e.g. the ART24 and ART21 gates of a technical acceptance). */
  readonly gates?: readonly Violation[];
}

/**
 * The checks a decision must pass beyond its shape: a complete checklist (400 if an item is
 * missing or unknown), every blocking item ok to approve (422 with the item's rule), the opinion
 * document verified and uploaded by this reviewer for this task, for finance an approved budget
 * within the total, and no forbidden scope in a correction it approves.
 */
export const decisionViolations = (kind: ReviewKind, input: DecisionInput, context: DecisionContext): Violation[] => {
  const review = REVIEWS[kind];
  const asked = context.task.checklistItems;
  const items = Object.fromEntries(Object.entries(review.checklist).filter(([name]) => asked.includes(name)));
  const missing = Object.keys(items).filter((name) => !(name in input.checklist));
  const unknown = Object.keys(input.checklist).filter((name) => !(name in items));
  const misplaced = [
    ...(review.decisions.includes(input.decision)
      ? []
      : [{ path: 'decision', message: `This review decides ${review.decisions.join(' or ')}.` }]),
    ...(input.classification && kind !== 'tech-review'
      ? [{ path: 'classification', message: 'Only the technical review corrects the classification.' }]
      : []),
    ...(input.approvedBudgetFen != null && !review.statesBudget
      ? [{ path: 'approvedBudgetFen', message: 'Only the finance review states an approved budget (ART14).' }]
      : []),
  ];
  if (missing.length > 0 || unknown.length > 0 || misplaced.length > 0) {
    throw new ValidationError([
      ...missing.map((name) => ({ path: `checklist.${name}`, message: 'Answer every checklist item of this review.' })),
      ...unknown.map((name) => ({ path: `checklist.${name}`, message: 'Not an item of this review.' })),
      ...misplaced,
    ]);
  }
  const found: Violation[] = [];
  if (input.decision === 'approve') {
    for (const [name, entry] of Object.entries(items)) {
      if (entry.blocks && !input.checklist[name]?.ok)
        found.push(violation(entry.rule, `checklist.${name}`, 'A project that fails this item is not approved.'));
    }
    if (!input.opinionDocumentId && review.opinion) {
      found.push(
        violation(review.rule, 'opinionDocumentId', `Approving needs the verified ${review.opinion} document.`),
      );
    }
    if (review.statesBudget) {
      if (input.approvedBudgetFen === undefined || input.approvedBudgetFen === null) {
        found.push(
          violation(
            'ART14-FINANCE-REVIEW',
            'approvedBudgetFen',
            'Approving states the approved budget.',
            '同意时须填写批复预算。',
          ),
        );
      } else if (input.approvedBudgetFen > context.totalFen) {
        found.push(
          violation(
            'ART14-FINANCE-REVIEW',
            'approvedBudgetFen',
            'The approved budget exceeds the total.',
            '批复预算不得超过申报总投资。',
          ),
        );
      }
    }
    for (const [flag, on] of Object.entries(input.classification?.scope ?? {})) {
      if (on) found.push(violation('ART07-FORBIDDEN-SCOPE', `classification.scope.${flag}`));
    }
    found.push(...(context.gates ?? []));
  }
  if (input.opinionDocumentId) {
    const document = context.opinionDocument;
    if (!review.opinion) {
      throw new ValidationError([
        { path: 'opinionDocumentId', message: 'This confirmation is decided with its opinion text alone.' },
      ]);
    }
    const sound =
      document?.projectId === context.project.id && document.kind === review.opinion && document.status === 'verified';
    if (!sound) {
      found.push(
        violation(
          review.rule,
          'opinionDocumentId',
          `It must name a verified ${review.opinion} document of this project.`,
        ),
      );
    } else if (document.uploadedBy !== context.actor.sub || document.taskId !== context.task.id) {
      // ART04: the opinion is the deciding reviewer's own, written for this review.
      found.push(violation('ART04-ROLE', 'opinionDocumentId', 'The opinion must be one you uploaded for this review.'));
    }
  }
  return found;
};
