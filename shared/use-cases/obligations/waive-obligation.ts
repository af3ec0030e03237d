import { ConflictError, NotFoundError } from '#shared/domain/errors.ts';
import type { Obligation } from '#shared/domain/obligation.ts';
import type { Actor } from '#shared/domain/roles.ts';
import type { Deps } from '../deps.ts';
import { loadVisible } from '../projects/project-access.ts';

/** The Data Bureau waives a duty, with its reason on the audit trail; the sweep then resolves any finding. */
export const waiveObligation = async (
  input: { projectId: string; obligationId: string; reason: string; actor: Actor },
  deps: Pick<Deps, 'projects' | 'obligations' | 'now'>,
): Promise<Obligation> => {
  const project = await loadVisible(input.projectId, input.actor, deps);
  const [code, ...rest] = input.obligationId.split('.');
  const obligation = code ? await deps.obligations.get(project.id, code, rest.join('.')) : undefined;
  if (!obligation) throw new NotFoundError('No such obligation.');
  if (obligation.status !== 'open') throw new ConflictError(`The obligation is already ${obligation.status}.`);
  const at = deps.now().toISOString();
  const waived: Obligation = {
    ...obligation,
    status: 'waived',
    settledAt: at,
    settledBy: input.actor.sub,
    waiverReason: input.reason,
  };
  await deps.projects.save({
    project,
    at,
    actor: input.actor,
    action: 'obligation.waived',
    details: { code: obligation.code, key: obligation.key, dueDate: obligation.dueDate, reason: input.reason },
    with: [deps.obligations.settle(waived)],
  });
  return waived;
};
