import {
  BUREAU_ROLE_SETTERS,
  bureauRoleChangeRefused,
  type Department,
  type DepartmentInput,
} from '#shared/domain/department.schema.ts';
import { ForbiddenError } from '#shared/domain/errors.ts';
import { type Actor, hasAnyRole } from '#shared/domain/roles.ts';
import type { Deps } from '../deps.ts';

/**
 * Create or replace a department's record: ART09's data-management unit, and the reviewing bureau
 * it is, if one (ART04). Only an administrator sets `bureauRole` (a bureau decides reviews of its
 * own projects, so making a department one is not the Data Bureau's to do); the Data Bureau's
 * replacement keeps it. Every change is written with its audit record, who changed what from what.
 */
export const putDepartment = async (
  input: { id: string; body: DepartmentInput; actor: Actor },
  deps: Pick<Deps, 'departments' | 'now'>,
): Promise<Department> => {
  const existing = await deps.departments.get(input.id);
  const current = existing?.bureauRole ?? null;
  const administrator = hasAnyRole(input.actor, BUREAU_ROLE_SETTERS);
  if (!administrator && bureauRoleChangeRefused(input.body.bureauRole, current)) {
    throw new ForbiddenError('bureauRole: only an administrator makes a department a reviewing bureau (ART04).');
  }
  const department: Department = {
    id: input.id,
    name: input.body.name,
    dataManagementUnit: input.body.dataManagementUnit ?? null,
    bureauRole: administrator ? (input.body.bureauRole ?? null) : current,
    version: (existing?.version ?? 0) + 1,
    updatedAt: deps.now().toISOString(),
    updatedBy: input.actor.sub,
  };
  await deps.departments.put(department, {
    at: department.updatedAt,
    actor: input.actor,
    from: existing
      ? { name: existing.name, dataManagementUnit: existing.dataManagementUnit, bureauRole: current }
      : null,
  });
  return department;
};
