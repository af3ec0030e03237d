import { ForbiddenError } from '#shared/domain/errors.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import { type Actor, hasAnyRole } from '#shared/domain/roles.ts';
import type { Deps } from '../deps.ts';
import { assertStage, EDITABLE_STAGES, loadVisible } from './project-access.ts';

/** ART11: a co-building department's head confirms the joint declaration for that department. */
export const confirmProject = async (
  input: { id: string; actor: Actor },
  deps: Pick<Deps, 'projects' | 'now'>,
): Promise<Project> => {
  const project = await loadVisible(input.id, input.actor, deps);
  const deptId = input.actor.deptId;
  if (!deptId || !project.coBuilderDeptIds.includes(deptId) || !hasAnyRole(input.actor, ['dept-head'])) {
    throw new ForbiddenError('Only the head of a co-building department confirms a joint declaration (ART11).');
  }
  assertStage(project, EDITABLE_STAGES, 'confirm');
  const at = deps.now().toISOString();
  return deps.projects.save({
    project,
    actor: input.actor,
    action: 'project.confirmed',
    at,
    set: { confirmations: { ...project.confirmations, [deptId]: { by: input.actor.sub, name: input.actor.name, at } } },
    details: { deptId },
  });
};
