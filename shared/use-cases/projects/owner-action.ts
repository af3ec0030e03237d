import { assertOwner } from '#shared/domain/access.ts';
import type { ProjectDocument } from '#shared/domain/document.schema.ts';
import { builtWithoutApproval, emergencyVoided } from '#shared/domain/emergency.ts';
import { type Action, assertStage } from '#shared/domain/lifecycle.ts';
import type { StoredProject } from '#shared/domain/project.schema.ts';
import type { Actor, Role } from '#shared/domain/roles.ts';
import type { Deps } from '../deps.ts';
import { loadVisible } from './project-access.ts';

/**
 * The project, for an action its owner department takes in a stage the lifecycle allows. An
 * emergency project that started building keeps its procurement routes open whatever its stage
 * while it still owes ART15 duties.
 */
export const loadForOwner = async (
  input: { id: string; actor: Actor; action: Action; roles?: readonly Role[] },
  deps: Pick<Deps, 'projects' | 'obligations'>,
): Promise<StoredProject> => {
  const project = await loadVisible(input.id, input.actor, deps);
  assertOwner(input.actor, project, input.roles);
  assertStage(input.action, project, {
    emergencyBuilding: await owesEmergencyDuties(project, deps),
    builtWithoutApproval: builtWithoutApproval(project),
  });
  return project;
};

/** An emergency project building with ART15 duties still open (never one whose emergency was denied). */
export const owesEmergencyDuties = async (project: StoredProject, deps: Pick<Deps, 'obligations'>) =>
  project.emergency !== null &&
  project.constructionStartedAt !== null &&
  !emergencyVoided(project) &&
  (await deps.obligations.ofProject(project.id)).some((o) => o.code === 'ART15-EMERGENCY' && o.status === 'open');

/** The named document, if it is a verified one of this project of the kind (what a filing quotes: its hash). */
export const verifiedDocument = async (
  projectId: string,
  id: string,
  kind: ProjectDocument['kind'],
  deps: Pick<Deps, 'documents'>,
): Promise<ProjectDocument | undefined> => {
  const [found] = await deps.documents.getMany(projectId, [id]);
  return found?.id === id && found.kind === kind && found.status === 'verified' ? found : undefined;
};

/**
 * Whether each named document is verified, of its kind, and this project's (and, where `after` is
 * given, arrived after it): one read for all of them.
 */
export const verifiedDocuments = async (
  projectId: string,
  ids: readonly (string | undefined)[],
  deps: Pick<Deps, 'documents'>,
): Promise<(id: string | undefined, kind: ProjectDocument['kind'], after?: string | null) => boolean> => {
  const found = await deps.documents.getMany(
    projectId,
    ids.filter((id): id is string => id !== undefined),
  );
  return (id, kind, after) =>
    id !== undefined &&
    found.some((d) => d.id === id && d.kind === kind && d.status === 'verified' && (!after || d.createdAt > after));
};
