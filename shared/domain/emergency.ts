import { isDeclaring, onApprovalTrack } from './lifecycle.ts';
import type { Obligation } from './obligation.ts';
import type { Policy } from './policy.ts';
import type { Project } from './project.schema.ts';
import { type ReviewKind, WORKFLOWS } from './review-catalogue.ts';
import { routing } from './workflow.ts';

/** The procedures an emergency project completes while it builds (ART15), as its duties' keys. */
export type Procedure = 'declaration' | ReviewKind;
const PROCEDURES: readonly string[] = ['declaration', WORKFLOWS.approval.first, ...WORKFLOWS.approval.parallel];

/** Whether a review is one of the procedures an emergency project owes while it builds (the approval round's). */
export const isEmergencyProcedure = (review: ReviewKind): boolean => PROCEDURES.includes(review);

type Building = Pick<
  Project,
  | 'emergency'
  | 'constructionStartedAt'
  | 'stage'
  | 'rounds'
  | 'keyProject'
  | 'involvesConstruction'
  | 'totalInvestmentFen'
  | 'approvedBy'
  | 'approvedBudgetFen'
>;

/** An emergency project building before its approval (ART15): its procurement routes stay open. */
export const buildingInEmergency = (project: Pick<Project, 'emergency' | 'constructionStartedAt' | 'stage'>) =>
  project.emergency !== null && project.constructionStartedAt !== null && onApprovalTrack(project.stage);

/**
 * What an emergency project building before approval still owes: its declaration until submitted,
 * then every review its routing requires that has not approved it in the running round. A
 * rejected project owes nothing more: nothing it could do would fulfil a duty.
 */
export const owedProcedures = (project: Building, policy: Policy): Procedure[] => {
  if (!buildingInEmergency(project)) return [];
  const round = project.rounds.approval;
  const passed = round?.status === 'running' ? round.passed : [];
  const route = routing('approval', project, policy);
  const reviews = [WORKFLOWS.approval.first, ...WORKFLOWS.approval.parallel.filter((kind) => route[kind])];
  return [
    ...(isDeclaring(project.stage) && !round ? (['declaration'] as const) : []),
    ...reviews.filter((kind) => !passed.includes(kind)),
  ];
};

/**
 * The ART15 duties to open and to cancel after a change of the project (an edit, a correction by
 * the technical review, a rejection, the conclusion of its approval): a procedure now owed that
 * has no duty yet gets one; an open duty whose procedure is neither owed nor done in the running
 * round no longer applies and is cancelled. Doing a procedure (submitting, a review approving)
 * fulfils its duty in that action's own transaction; this never fulfils.
 */
export const emergencyDutyChanges = (
  project: Building,
  duties: readonly Pick<Obligation, 'code' | 'key' | 'status'>[],
  policy: Policy,
): { open: Procedure[]; cancel: string[] } => {
  // Only the procedure duties: what it skipped on the way to construction (a contract, a supervisor) is fulfilled by its route.
  const mine = duties.filter((duty) => duty.code === 'ART15-EMERGENCY' && PROCEDURES.includes(duty.key));
  const owed = owedProcedures(project, policy);
  const round = project.rounds.approval;
  const done: string[] = round?.status === 'running' ? ['declaration', ...round.passed] : [];
  return {
    open: owed.filter((key) => !mine.some((duty) => duty.key === key)),
    cancel: mine
      .filter((duty) => duty.status === 'open' && !owed.includes(duty.key as Procedure) && !done.includes(duty.key))
      .map((duty) => duty.key),
  };
};
