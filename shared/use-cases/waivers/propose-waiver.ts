import { ConflictError, RuleViolationError } from '#shared/domain/errors.ts';
import { isWaivable, type Obligation } from '#shared/domain/obligation.ts';
import { recorded } from '#shared/domain/recorded.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { violation } from '#shared/domain/violation.ts';
import { dutyWaiver, type Waiver } from '#shared/domain/waiver.ts';
import type { Deps } from '../deps.ts';
import { idempotentAction } from '../idempotent.ts';
import { loadWaiverDuty, obligationIdOf } from './waiver-duty.ts';

export interface WaiverOutcome {
  readonly obligation: Obligation;
  readonly waiver: Waiver;
}

/**
 * A Data Bureau officer proposes to waive a duty, with the reason (the record that shows the
 * baseline was entered in error). The duty stays open, and is found late as any other, until a
 * second officer confirms. Only the catalogue's waivable duties (ART20 milestones) may be
 * proposed: any other is refused with its own code, since no article provides for waiving it.
 */
export const proposeWaiver = (
  input: {
    projectId: string;
    obligationId: string;
    reason: string;
    actor: Actor;
    idempotencyKey?: string | undefined;
  },
  deps: Pick<Deps, 'projects' | 'obligations' | 'departments' | 'records' | 'idempotency' | 'now'>,
): Promise<WaiverOutcome> => {
  const { actor, projectId, obligationId, reason } = input;
  return idempotentAction<WaiverOutcome>(
    { actor, scope: 'propose-waiver', key: input.idempotencyKey, request: { projectId, obligationId, reason } },
    deps,
    async (remember) => {
      const { project, obligation, conflictOfInterest } = await loadWaiverDuty(input, deps);
      if (!isWaivable(obligation)) {
        throw new RuleViolationError([
          violation(
            obligation.code,
            'obligationId',
            'No article provides for waiving this duty: it is done or stays owed (only a baseline milestone entered in error may be waived).',
            '：办法未规定可豁免该义务，须依规履行（仅误录的基线节点可经两名县数据局人员确认豁免）。',
          ),
        ]);
      }
      if (obligation.status !== 'open') throw new ConflictError(`The obligation is already ${obligation.status}.`);
      if (obligation.waiver?.status === 'proposed') {
        throw new ConflictError('A waiver of this duty already awaits a second officer.');
      }
      const earlier = (await deps.records.list('waiver', project.id)).filter(
        (w) => w.obligationId === obligationIdOf(obligation),
      );
      const at = deps.now().toISOString();
      const waiver: Waiver = {
        id: `${obligationIdOf(obligation)}.${earlier.length + 1}`,
        projectId: project.id,
        ownerDeptId: project.ownerDeptId,
        obligationId: obligationIdOf(obligation),
        code: obligation.code,
        key: obligation.key,
        reason,
        status: 'proposed',
        ...recorded(actor, at),
        proposedBy: actor.sub,
        proposedByName: actor.name,
        at,
        confirmedBy: null,
        confirmedByName: null,
        confirmedAt: null,
        withdrawnAt: null,
        conflictOfInterest,
      };
      const outcome = { obligation: { ...obligation, waiver: dutyWaiver(waiver) }, waiver };
      await deps.projects.save({
        project,
        at,
        actor,
        action: 'waiver.proposed',
        details: {
          code: obligation.code,
          key: obligation.key,
          dueDate: obligation.dueDate,
          reason,
          conflictOfInterest,
        },
        with: [
          deps.obligations.amend(outcome.obligation),
          deps.records.put('waiver', waiver, 'new'),
          ...remember(outcome),
        ],
      });
      return outcome;
    },
  );
};
