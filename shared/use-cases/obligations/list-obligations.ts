import type { Obligation } from '#shared/domain/obligation.ts';
import type { Actor } from '#shared/domain/roles.ts';
import type { Deps } from '../deps.ts';
import type { Page } from '../ports.ts';
import { loadVisible } from '../projects/project-access.ts';

/** A project's duties with their due dates, a page at a time; `id` is what the waiver route takes. */
export const listObligations = async (
  input: { projectId: string; actor: Actor; limit: number; cursor?: string | undefined },
  deps: Pick<Deps, 'projects' | 'obligations'>,
): Promise<Page<Obligation & { id: string }>> => {
  await loadVisible(input.projectId, input.actor, deps);
  const page = await deps.obligations.page(input.projectId, input);
  return { ...page, items: page.items.map((o) => ({ ...o, id: `${o.code}.${o.key}` })) };
};
