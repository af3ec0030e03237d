import {
  acceptanceEvidenceViolations,
  acceptanceOrderViolations,
  type PreliminaryAcceptance,
  type PreliminaryAcceptanceInput,
} from '#shared/domain/acceptance.ts';
import { refuseFutureDates } from '#shared/domain/calendar.ts';
import { ConflictError } from '#shared/domain/errors.ts';
import { PHASES } from '#shared/domain/phases.ts';
import { openElsewhere, WORKFLOWS } from '#shared/domain/review-catalogue.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { runningRound } from '#shared/domain/workflow.ts';
import type { Deps } from '../deps.ts';
import { type PhaseDeps, type PhaseStep, recordPhase } from '../projects/record-phase.ts';

type AcceptanceDeps = PhaseDeps & Pick<Deps, 'workflows'>;

/**
 * ART27, ART28: the owner's preliminary acceptance is on record with the evidence the technical
 * acceptance will examine, and a round of the acceptance workflow starts (technical acceptance by
 * the Data Bureau, then, for projects approved under ART13, completion acceptance by the DRC).
 * After a return or a rejection the owner repeats it (on the same evidence, which the returned
 * record lets go); never while a round runs.
 */
export const PRELIMINARY_ACCEPTANCE: PhaseStep<'preliminary-acceptance', PreliminaryAcceptanceInput, AcceptanceDeps> = {
  phase: PHASES['preliminary-acceptance'],
  scope: 'preliminary-acceptance',
  precheck: (body, now) => refuseFutureDates({ passedOn: body.passedOn }, now),
  refuse: async ({ project }, deps) => {
    const current = project.rounds.acceptance;
    if (current?.status !== 'running') return;
    // Its round's workflow is started (idempotent) in case the start after its transaction failed.
    await deps.workflows.start({ workflow: 'acceptance', projectId: project.id, round: current.round });
    throw new ConflictError(`Acceptance round ${current.round} is under way; it ends before another begins.`);
  },
  violations: ({ body, project, verified }) => [
    ...acceptanceOrderViolations(body, project),
    ...acceptanceEvidenceViolations(body, verified),
  ],
  build: ({ body, project }, base) => ({
    ...body,
    ...base,
    round: (project.rounds.acceptance?.round ?? 0) + 1,
    outcome: 'pending',
  }),
  effects: ({ project, body }, record) => ({
    action: 'acceptance.preliminary',
    set: {
      openReviews: [...openElsewhere(project.openReviews, 'acceptance'), WORKFLOWS.acceptance.first],
      rounds: { ...project.rounds, acceptance: runningRound(record.round) },
    },
    details: { round: record.round, passedOn: body.passedOn, recordId: record.id },
  }),
  after: (project, record, deps) =>
    deps.workflows.start({ workflow: 'acceptance', projectId: project.id, round: record.round }),
};

export const preliminaryAcceptance = (
  input: { id: string; actor: Actor; acceptance: PreliminaryAcceptanceInput; idempotencyKey?: string | undefined },
  deps: AcceptanceDeps,
): Promise<PreliminaryAcceptance> => recordPhase(PRELIMINARY_ACCEPTANCE, { ...input, body: input.acceptance }, deps);
