import { ConflictError, NotFoundError, RuleViolationError } from '#shared/domain/errors.ts';
import { isWaivable, type Obligation } from '#shared/domain/obligation.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { violation } from '#shared/domain/violation.ts';
import { retryOnConflict } from '#shared/retry.ts';
import type { Deps } from '../deps.ts';
import { idempotent } from '../idempotent.ts';
import { loadVisible } from '../projects/project-access.ts';

/**
 * The Data Bureau waives a duty, with its reason on the audit trail; the sweep then resolves any
 * finding. A duty whose article cuts funds (ART29, ART07) is cured only by doing what the article
 * asks: it is refused with that article's code.
 */
export const waiveObligation = async (
  input: {
    projectId: string;
    obligationId: string;
    reason: string;
    actor: Actor;
    idempotencyKey?: string | undefined;
  },
  deps: Pick<Deps, 'projects' | 'obligations' | 'idempotency' | 'now'>,
): Promise<Obligation> => {
  const { actor, projectId, obligationId, reason } = input;
  const request = { projectId, obligationId, reason };
  return idempotent<Obligation>(
    { actor, scope: 'waive-obligation', key: input.idempotencyKey, request },
    deps,
    (remember, replay) =>
      // A change landing meanwhile is read again, unless it was this same request under its key.
      retryOnConflict(async () => {
        const earlier = await replay();
        if (earlier) return earlier;
        const project = await loadVisible(projectId, actor, deps);
        const [code, ...rest] = obligationId.split('.');
        const obligation = code ? await deps.obligations.get(project.id, code, rest.join('.')) : undefined;
        if (!obligation) throw new NotFoundError('No such obligation.');
        if (obligation.status !== 'open') throw new ConflictError(`The obligation is already ${obligation.status}.`);
        if (!isWaivable(obligation.code)) {
          throw new RuleViolationError([
            violation(obligation.code, 'obligationId', 'Funds are held until it is done; it cannot be waived.'),
          ]);
        }
        const at = deps.now().toISOString();
        const waived: Obligation = {
          ...obligation,
          status: 'waived',
          settledAt: at,
          settledBy: actor.sub,
          waiverReason: reason,
        };
        await deps.projects.save({
          project,
          at,
          actor,
          action: 'obligation.waived',
          details: { code: obligation.code, key: obligation.key, dueDate: obligation.dueDate, reason },
          with: [deps.obligations.settle(waived), ...remember(waived)],
        });
        return waived;
      }),
  );
};
