import type { FundingHold } from './finding.schema.ts';
import { type Action, isBuilding } from './lifecycle.ts';
import type { Fund, Obligation } from './obligation.ts';
import type { Policy } from './policy.ts';
import type { Project } from './project.schema.ts';
import { type ReviewKind, WORKFLOWS } from './review-catalogue.ts';
import { isDeclaring, onApprovalTrack, STAGE_TABLE } from './stages.ts';
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

/** A procedure the emergency start itself owes: the department's collective decision to build at once (三重一大). */
export const DECISION_DUTY = 'emergency-decision';

type Started = Pick<Project, 'emergency' | 'constructionStartedAt' | 'stage'>;

/** The Data Bureau denied the emergency (ART15): it built without approval (ART07 未批先建) until it is approved. */
export const emergencyVoided = (project: Pick<Project, 'emergency'>) =>
  project.emergency?.confirmation?.status === 'voided';

/** An emergency project building before its approval (ART15), its emergency not denied: its procurement routes stay open. */
export const buildingInEmergency = (project: Started) =>
  project.emergency !== null &&
  project.constructionStartedAt !== null &&
  onApprovalTrack(project.stage) &&
  !emergencyVoided(project);

/**
 * A project that started building as an emergency and then lost that ground: its emergency was
 * denied, or its declaration was rejected. Its procurement and construction routes answer ART07
 * (未批先建) until it is approved.
 */
export const builtWithoutApproval = (project: Started) =>
  project.emergency !== null &&
  project.constructionStartedAt !== null &&
  (project.stage === 'rejected' || (emergencyVoided(project) && onApprovalTrack(project.stage)));

/**
 * Whether the emergency side of `action` lets it be offered now: the emergency start only to a
 * declared emergency not yet building (nor denied); building actions never to a project that built
 * without approval (ART07). Every other action is for its stage to say.
 */
export const mayTakeInEmergency = (action: Action, project: Started) => {
  if (builtWithoutApproval(project) && isBuilding(action)) return false;
  if (action === 'emergency-start') {
    return project.emergency !== null && project.constructionStartedAt === null && !emergencyVoided(project);
  }
  return true;
};

/** The key of the ART07 finding a denied or rejected emergency opens (one per project: it built once). */
export const BUILT_WITHOUT_APPROVAL_KEY = 'emergency';

/**
 * API.md § Cures: each fund is `closed` where the stage gives none (the approval track before an
 * emergency starts building, a rejected project, a decommissioned one unless a hold still stands
 * on it), `held` while a hold covers it, else `allowed`.
 */
export const fundingOf = (
  project: Started,
  holds: readonly Pick<FundingHold, 'funds'>[],
): Record<Fund, 'closed' | 'held' | 'allowed'> => {
  const rule = STAGE_TABLE[project.stage].funding;
  const held = (fund: Fund) => holds.some((hold) => hold.funds.includes(fund));
  const status = (fund: Fund) => {
    if (rule === 'closed') return 'closed';
    if (rule === 'until-building' && project.constructionStartedAt === null) return 'closed';
    if (held(fund)) return 'held';
    return rule === 'closed-unless-held' ? 'closed' : 'allowed';
  };
  return { construction: status('construction'), operations: status('operations') };
};

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
