import { ConflictError } from '#shared/domain/errors.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { assertProposer, dutyWaiver, type Waiver } from '#shared/domain/waiver.ts';
import { retryOnConflict } from '#shared/retry.ts';
import type { Deps } from '../deps.ts';
import type { WaiverOutcome } from './propose-waiver.ts';
import { loadWaiverDuty } from './waiver-duty.ts';

/** Its proposer withdraws a waiver proposal not yet confirmed; the duty stays as it was, and may be proposed again. */
export const withdrawWaiver = (
  input: { projectId: string; obligationId: string; actor: Actor },
  deps: Pick<Deps, 'projects' | 'obligations' | 'departments' | 'records' | 'now'>,
): Promise<WaiverOutcome> =>
  retryOnConflict(async () => {
    const { actor } = input;
    const { project, obligation } = await loadWaiverDuty(input, deps);
    const proposed = obligation.waiver;
    if (obligation.status !== 'open' || proposed?.status !== 'proposed') {
      throw new ConflictError('No waiver of this duty awaits confirmation.');
    }
    assertProposer(actor, proposed);
    const record = await deps.records.get('waiver', project.id, proposed.id);
    if (!record) throw new ConflictError('The waiver proposal is not on record.');
    const at = deps.now().toISOString();
    const waiver: Waiver = { ...record, status: 'withdrawn', withdrawnAt: at };
    const outcome = { obligation: { ...obligation, waiver: dutyWaiver(waiver) }, waiver };
    await deps.projects.save({
      project,
      at,
      actor,
      action: 'waiver.withdrawn',
      details: { code: obligation.code, key: obligation.key, reason: waiver.reason },
      with: [deps.obligations.amend(outcome.obligation), deps.records.put('waiver', waiver, 'any')],
    });
    return outcome;
  });
