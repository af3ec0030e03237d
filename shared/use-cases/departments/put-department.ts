import type { Department, DepartmentInput } from '#shared/domain/department.schema.ts';
import type { Actor } from '#shared/domain/roles.ts';
import type { Deps } from '../deps.ts';

/** Create or replace a department's record: ART09's data-management unit, and the reviewing bureau it is, if one (ART04). */
export const putDepartment = async (
  input: { id: string; body: DepartmentInput; actor: Actor },
  deps: Pick<Deps, 'departments' | 'now'>,
): Promise<Department> => {
  const existing = await deps.departments.get(input.id);
  const department: Department = {
    id: input.id,
    name: input.body.name,
    dataManagementUnit: input.body.dataManagementUnit ?? null,
    bureauRole: input.body.bureauRole ?? null,
    version: (existing?.version ?? 0) + 1,
    updatedAt: deps.now().toISOString(),
    updatedBy: input.actor.sub,
  };
  await deps.departments.put(department);
  return department;
};
