import * as z from 'zod';
import { ForbiddenError } from './errors.ts';
import type { Project } from './project.schema.ts';
import { Recorded } from './recorded.ts';
import { type Actor, hasAnyRole, type Role } from './roles.ts';
import { RULE_CODES } from './rules/catalog.ts';
import { multiLine } from './text.ts';

/**
 * No article of the measures provides for waiving a duty (ART33: a duty the measures impose is
 * never waived). The one exception the county allows is a baseline milestone entered in error
 * (ART20), and then only on four eyes: one Data Bureau officer proposes, another confirms.
 */
export const WaiverStatusSchema = z.enum(['proposed', 'confirmed', 'withdrawn']);
export type WaiverStatus = z.infer<typeof WaiverStatusSchema>;

export const WaiverInputSchema = z
  .object({
    /** Names the record that shows the baseline was entered in error. */
    reason: multiLine(2000),
  })
  .strict();

/**
 * One proposal to waive one duty, and what became of it. `recordedAt`/`recordedBy` are the
 * proposal (its officer); the confirmation is a second officer (another `sub`).
 */
export const WaiverSchema = z.object({
  /** `{code}.{key}.{n}`: the n-th proposal for that duty. */
  id: z.string(),
  projectId: z.string(),
  ownerDeptId: z.string(),
  /** `{code}.{key}`, as the obligation routes name the duty. */
  obligationId: z.string(),
  code: z.enum(RULE_CODES),
  key: z.string(),
  reason: z.string(),
  status: WaiverStatusSchema,
  ...Recorded,
  proposedBy: z.string(),
  proposedByName: z.string(),
  at: z.string(),
  confirmedBy: z.string().nullable(),
  confirmedByName: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  /** An officer acted on a project of the Data Bureau itself (ART04: it acts rather than deadlock), for the Audit Bureau. */
  conflictOfInterest: z.boolean(),
});
export type Waiver = z.infer<typeof WaiverSchema>;

/** The waiver a duty carries: its latest proposal, as the project's page shows it. */
export const DutyWaiverSchema = WaiverSchema.pick({
  id: true,
  status: true,
  reason: true,
  proposedBy: true,
  proposedByName: true,
  at: true,
  confirmedBy: true,
  confirmedByName: true,
  confirmedAt: true,
  withdrawnAt: true,
  conflictOfInterest: true,
});
export type DutyWaiver = z.infer<typeof DutyWaiverSchema>;

export const dutyWaiver = (waiver: Waiver): DutyWaiver => DutyWaiverSchema.parse(waiver);

const OFFICER: Role = 'data-bureau';

/**
 * Separation of duties for a waiver (ART04, ART33): each officer is of the Data Bureau and is
 * neither the project's submitter nor of its owner department or a co-builder — unless that
 * department is the Data Bureau itself, which then acts with `conflictOfInterest`, as for its
 * reviews, rather than leave the duty with nobody who may answer it.
 */
export const waiverAuthority = (
  actor: Actor,
  project: Pick<Project, 'ownerDeptId' | 'coBuilderDeptIds' | 'submittedBy'>,
  /** The `bureauRole` of the actor's department, when it is the owner or a co-builder. */
  actorDeptBureauRole: Role | null,
): { conflictOfInterest: boolean } => {
  if (!hasAnyRole(actor, [OFFICER])) throw new ForbiddenError('A waiver is proposed and confirmed by the Data Bureau.');
  if (project.submittedBy === actor.sub) throw new ForbiddenError('Who submitted a project does not waive its duties.');
  const ownDepartment =
    actor.deptId !== null && (actor.deptId === project.ownerDeptId || project.coBuilderDeptIds.includes(actor.deptId));
  if (!ownDepartment) return { conflictOfInterest: false };
  if (actorDeptBureauRole === OFFICER) return { conflictOfInterest: true };
  throw new ForbiddenError('Nobody of the owner department or a co-builder waives its duties.');
};

/** Four eyes: the officer who proposed a waiver neither confirms it nor is its only officer. */
export const assertSecondOfficer = (actor: Actor, waiver: Pick<Waiver, 'proposedBy'>) => {
  if (waiver.proposedBy === actor.sub) {
    throw new ForbiddenError('A waiver is confirmed by a second Data Bureau officer, not its proposer.');
  }
};

/** Only its proposer withdraws a proposal. */
export const assertProposer = (actor: Actor, waiver: Pick<Waiver, 'proposedBy'>) => {
  if (waiver.proposedBy !== actor.sub) throw new ForbiddenError('Only the officer who proposed a waiver withdraws it.');
};
