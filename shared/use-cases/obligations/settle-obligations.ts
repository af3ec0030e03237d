import type { Obligation } from '#shared/domain/obligation.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import type { Actor } from '#shared/domain/roles.ts';
import type { TransactItem } from '#shared/store/transactions.ts';
import type { Deps } from '../deps.ts';

/**
 * The open duties of `project` under `code` whose key is among `keys` (or all of them), settled
 * as fulfilled: items to write with the change that fulfils them.
 */
export const fulfil = async (
  project: Pick<Project, 'id'>,
  code: string,
  keys: readonly string[] | 'all',
  actor: Actor,
  at: string,
  deps: Pick<Deps, 'obligations'>,
): Promise<{ items: TransactItem[]; settled: Obligation[] }> => {
  const open = (await deps.obligations.ofProject(project.id)).filter(
    (o) => o.code === code && o.status === 'open' && (keys === 'all' || keys.includes(o.key)),
  );
  const settled = open.map((o) => ({ ...o, status: 'fulfilled' as const, settledAt: at, settledBy: actor.sub }));
  return { items: settled.map((o) => deps.obligations.settle(o)), settled };
};
