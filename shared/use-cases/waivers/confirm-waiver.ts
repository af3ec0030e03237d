import { ConflictError } from '#shared/domain/errors.ts';
import type { Obligation } from '#shared/domain/obligation.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { assertSecondOfficer, dutyWaiver, type Waiver } from '#shared/domain/waiver.ts';
import type { Deps } from '../deps.ts';
import { idempotentAction } from '../idempotent.ts';
import type { WaiverOutcome } from './propose-waiver.ts';
import { loadWaiverDuty } from './waiver-duty.ts';

/**
 * A second Data Bureau officer (another `sub`) confirms a proposed waiver: the duty is waived and
 * the sweep resolves any finding it had. The proposer confirming its own proposal is refused
 * (ART04-ROLE): four eyes, not two.
 */
export const confirmWaiver = (
  input: { projectId: string; obligationId: string; actor: Actor; idempotencyKey?: string | undefined },
  deps: Pick<Deps, 'projects' | 'obligations' | 'departments' | 'records' | 'idempotency' | 'now'>,
): Promise<WaiverOutcome> => {
  const { actor, projectId, obligationId } = input;
  return idempotentAction<WaiverOutcome>(
    { actor, scope: 'confirm-waiver', key: input.idempotencyKey, request: { projectId, obligationId } },
    deps,
    async (remember) => {
      const { project, obligation, conflictOfInterest } = await loadWaiverDuty(input, deps);
      const proposed = obligation.waiver;
      if (obligation.status !== 'open') throw new ConflictError(`The obligation is already ${obligation.status}.`);
      if (proposed?.status !== 'proposed') throw new ConflictError('No waiver of this duty awaits confirmation.');
      assertSecondOfficer(actor, proposed);
      const record = await deps.records.get('waiver', project.id, proposed.id);
      if (!record) throw new ConflictError('The waiver proposal is not on record.');
      const at = deps.now().toISOString();
      const waiver: Waiver = {
        ...record,
        status: 'confirmed',
        confirmedBy: actor.sub,
        confirmedByName: actor.name,
        confirmedAt: at,
        conflictOfInterest: record.conflictOfInterest || conflictOfInterest,
      };
      const waived: Obligation = {
        ...obligation,
        status: 'waived',
        settledAt: at,
        settledBy: actor.sub,
        waiverReason: waiver.reason,
        waiver: dutyWaiver(waiver),
      };
      const outcome = { obligation: waived, waiver };
      await deps.projects.save({
        project,
        at,
        actor,
        action: 'obligation.waived',
        details: {
          code: obligation.code,
          key: obligation.key,
          dueDate: obligation.dueDate,
          reason: waiver.reason,
          proposedBy: waiver.proposedBy,
          confirmedBy: actor.sub,
          conflictOfInterest: waiver.conflictOfInterest,
        },
        with: [deps.obligations.settle(waived), deps.records.put('waiver', waiver, 'any'), ...remember(outcome)],
      });
      return outcome;
    },
  );
};
