import { COUNTY_WIDE_ROLES } from '#shared/domain/access.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import { type Actor, hasAnyRole } from '#shared/domain/roles.ts';
import type { Stage } from '#shared/domain/stages.ts';
import type { Deps } from '../deps.ts';
import type { Page } from '../ports.ts';

/**
 * County-wide roles list every project (by stage or department when asked); department roles
 * list their own department's projects, owned and co-built, and nothing else.
 */
export const listProjects = async (
  input: {
    actor: Actor;
    stage?: Stage | undefined;
    deptId?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  },
  deps: Pick<Deps, 'projects'>,
): Promise<Page<Project>> => {
  const { actor, stage, limit, cursor } = input;
  if (hasAnyRole(actor, COUNTY_WIDE_ROLES)) {
    const by = input.deptId ? { deptId: input.deptId } : stage ? { stage } : 'all';
    return deps.projects.list({ by, stage, limit, cursor });
  }
  if (!actor.deptId || (input.deptId && input.deptId !== actor.deptId)) return { items: [], nextCursor: null };
  return deps.projects.list({ by: { deptId: actor.deptId }, stage, limit, cursor });
};
