import type { Obligation } from '#shared/domain/obligation.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import type { Actor } from '#shared/domain/roles.ts';
import type { RuleCode } from '#shared/domain/rules/catalog.ts';
import type { Deps } from '../deps.ts';
import type { PendingWrite } from '../ports.ts';

type Settlement = Extract<Obligation['status'], 'fulfilled' | 'cancelled'>;
type Which = [
  project: Pick<Project, 'id'>,
  code: RuleCode,
  keys: readonly string[] | 'all',
  actor: Actor,
  at: string,
  deps: Pick<Deps, 'obligations'>,
  /** The project's duties as this change already read them: one read serves every settlement of the change. */
  duties?: readonly Obligation[],
];

/**
 * The open duties of `project` under `code` whose key is among `keys` (or all of them), settled
 * as `status`: items to write with the change that settles them.
 */
const settle = async (
  status: Settlement,
  ...[project, code, keys, actor, at, deps, duties]: Which
): Promise<{ items: PendingWrite[]; settled: Obligation[] }> => {
  const open = (duties ?? (await deps.obligations.ofProject(project.id))).filter(
    (o) => o.code === code && o.status === 'open' && (keys === 'all' || keys.includes(o.key)),
  );
  const settled = open.map((o) => ({ ...o, status, settledAt: at, settledBy: actor.sub }));
  return { items: settled.map((o) => deps.obligations.settle(o)), settled };
};

/** The duties a change fulfils (the procedure, filing or report they ask for was done). */
export const fulfil = (...which: Which) => settle('fulfilled', ...which);

/** Duties that no longer apply (a rejection, a parallel review cut short, a change of the project). */
export const cancel = (...which: Which) => settle('cancelled', ...which);
