import type { PhaseRecord, RecordKind } from '#shared/domain/phase-records.ts';
import type { Actor } from '#shared/domain/roles.ts';
import type { Deps } from '../deps.ts';
import type { Page } from '../ports.ts';
import { loadVisible } from './project-access.ts';

/** A page of one kind of a project's phase records (its contracts, its changes…), for whoever can see it. */
export const listRecords = async <K extends RecordKind>(
  kind: K,
  input: { id: string; actor: Actor; limit: number; cursor?: string | undefined },
  deps: Pick<Deps, 'projects' | 'records'>,
): Promise<Page<PhaseRecord<K>>> => {
  await loadVisible(input.id, input.actor, deps);
  return deps.records.page(kind, input.id, input);
};

/** Every phase record of a project, by kind, in one read: where its procurement, construction and changes stand. */
export const allRecords = async (input: { id: string; actor: Actor }, deps: Pick<Deps, 'projects' | 'records'>) => {
  await loadVisible(input.id, input.actor, deps);
  return deps.records.all(input.id);
};
