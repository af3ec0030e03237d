import { assertVisible } from '#shared/domain/access.ts';
import { ConflictError } from '#shared/domain/errors.ts';
import type { Stage, StoredProject } from '#shared/domain/project.schema.ts';
import type { Actor } from '#shared/domain/roles.ts';
import type { Deps } from '../deps.ts';

/** The project if the caller may see it; otherwise NotFound, exactly as for a project that does not exist. */
export const loadVisible = async (id: string, actor: Actor, deps: Pick<Deps, 'projects'>): Promise<StoredProject> => {
  const project = await deps.projects.get(id);
  assertVisible(actor, project);
  return project;
};

/** Acting in the wrong stage is a conflict with the project's state (API.md: 409). */
export const assertStage = (project: StoredProject, stages: readonly Stage[], action: string) => {
  if (!stages.includes(project.stage)) {
    throw new ConflictError(`Cannot ${action} a project in stage ${project.stage}; allowed in: ${stages.join(', ')}.`);
  }
};

export const EDITABLE_STAGES: readonly Stage[] = ['draft', 'returned'];
