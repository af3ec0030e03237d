import { ForbiddenError, NotFoundError } from './errors.ts';
import type { Project } from './project.schema.ts';
import { type Actor, DEPARTMENT_ROLES, hasAnyRole, ROLES, type Role } from './roles.ts';

/** Every role that does not act for one department sees every project of the county (API.md § Visibility); `audit` among them (ART33). */
export const COUNTY_WIDE_ROLES: readonly Role[] = ROLES.filter((role) => !DEPARTMENT_ROLES.includes(role));

type Membership = Pick<Project, 'ownerDeptId' | 'coBuilderDeptIds'>;

const actsForDepartment = (actor: Actor, deptId: string) =>
  actor.deptId === deptId && hasAnyRole(actor, DEPARTMENT_ROLES);

export const canSee = (actor: Actor, project: Membership): boolean =>
  hasAnyRole(actor, COUNTY_WIDE_ROLES) ||
  actsForDepartment(actor, project.ownerDeptId) ||
  project.coBuilderDeptIds.some((dept) => actsForDepartment(actor, dept));

/** A project the caller may not see is answered exactly as one that does not exist. */
export function assertVisible<P extends Membership>(actor: Actor, project: P | undefined): asserts project is P {
  if (!project || !canSee(actor, project)) throw new NotFoundError('No such project.');
}

/** The owner department's staff or head (ART04: the department declares its own projects). */
export const assertOwner = (actor: Actor, project: Membership, roles: readonly Role[] = DEPARTMENT_ROLES) => {
  if (actor.deptId !== project.ownerDeptId || !hasAnyRole(actor, roles)) {
    throw new ForbiddenError('Only the owner department may do this.');
  }
};
