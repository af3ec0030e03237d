import { NotFoundError } from '#shared/domain/errors.ts';
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

/** One phase record of a project (a change by its id), for whoever can see the project; 404 otherwise. */
export const getRecord = async <K extends RecordKind>(
  kind: K,
  input: { id: string; recordId: string; actor: Actor },
  deps: Pick<Deps, 'projects' | 'records'>,
): Promise<PhaseRecord<K>> => {
  await loadVisible(input.id, input.actor, deps);
  const record = await deps.records.get(kind, input.id, input.recordId);
  if (!record) throw new NotFoundError(`No such ${kind}.`);
  return record;
};

/** Every phase record of a project, by kind, in one read: where its procurement, construction and changes stand. */
export const allRecords = async (input: { id: string; actor: Actor }, deps: Pick<Deps, 'projects' | 'records'>) => {
  await loadVisible(input.id, input.actor, deps);
  return deps.records.all(input.id);
};
