import { type ChainVerdict, verifyChain } from '#shared/domain/audit-chain.ts';
import type { ProjectEvent } from '#shared/domain/project.schema.ts';
import type { Actor } from '#shared/domain/roles.ts';
import type { Deps } from '../deps.ts';
import type { Page } from '../ports.ts';
import { loadVisible } from './project-access.ts';

/** The audit trail (ART33), oldest first, a page at a time. */
export const listProjectEvents = async (
  input: { id: string; actor: Actor; limit: number; cursor?: string | undefined },
  deps: Pick<Deps, 'projects'>,
): Promise<Page<ProjectEvent>> => {
  await loadVisible(input.id, input.actor, deps);
  return deps.projects.eventPage(input.id, input.limit, input.cursor);
};

/** Recomputes the hash chain from the stored events and checks it against the head the project recorded. */
export const verifyProjectEvents = async (
  input: { id: string; actor: Actor },
  deps: Pick<Deps, 'projects'>,
): Promise<ChainVerdict> => {
  let project = await loadVisible(input.id, input.actor, deps);
  let events = await deps.projects.events(input.id);
  // A change landing between the two reads is not tampering: read again until they agree in length.
  for (let attempt = 0; attempt < 3 && project.eventSeq !== events.length; attempt++) {
    project = await loadVisible(input.id, input.actor, deps);
    events = await deps.projects.events(input.id);
  }
  return verifyChain(events, project);
};
