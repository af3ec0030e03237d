import { NotFoundError } from '#shared/domain/errors.ts';
import type { Obligation } from '#shared/domain/obligation.ts';
import type { StoredProject } from '#shared/domain/project.schema.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { waiverAuthority } from '#shared/domain/waiver.ts';
import type { Deps } from '../deps.ts';
import { loadVisible } from '../projects/project-access.ts';

export interface WaiverDuty {
  readonly project: StoredProject;
  readonly obligation: Obligation;
  readonly conflictOfInterest: boolean;
}

/**
 * The duty a waiver is about, named `{code}.{key}` as the obligation routes name it, and whether
 * this officer may act on it at all (ART04): read afresh on every attempt of an action.
 */
export const loadWaiverDuty = async (
  input: { projectId: string; obligationId: string; actor: Actor },
  deps: Pick<Deps, 'projects' | 'obligations' | 'departments'>,
): Promise<WaiverDuty> => {
  const { actor } = input;
  const project = await loadVisible(input.projectId, actor, deps);
  const [code, ...rest] = input.obligationId.split('.');
  const obligation = code ? await deps.obligations.get(project.id, code, rest.join('.')) : undefined;
  if (!obligation) throw new NotFoundError('No such obligation.');
  const ownDepartment =
    actor.deptId !== null && (actor.deptId === project.ownerDeptId || project.coBuilderDeptIds.includes(actor.deptId))
      ? await deps.departments.get(actor.deptId)
      : undefined;
  const { conflictOfInterest } = waiverAuthority(actor, project, ownDepartment?.bureauRole ?? null);
  return { project, obligation, conflictOfInterest };
};

export const obligationIdOf = (o: Pick<Obligation, 'code' | 'key'>) => `${o.code}.${o.key}`;
