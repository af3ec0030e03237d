import { assertVisible } from '#shared/domain/access.ts';
import type { StoredProject } from '#shared/domain/project.schema.ts';
import type { Actor } from '#shared/domain/roles.ts';
import type { Deps } from '../deps.ts';

/** The project if the caller may see it; otherwise NotFound, exactly as for a project that does not exist. */
export const loadVisible = async (id: string, actor: Actor, deps: Pick<Deps, 'projects'>): Promise<StoredProject> => {
  const project = await deps.projects.get(id);
  assertVisible(actor, project);
  return project;
};
