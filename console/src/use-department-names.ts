import type { Department } from '#shared/domain/department.schema.ts';
import { api, type Page } from './api/client.ts';
import { useResource } from './use-resource.ts';

// One read of the county's departments for every name shown on a page (the header, the project,
// its co-builders), not one per component; the departments page forgets it when one is saved.
let departments: Promise<Page<Department>> | undefined;
const departmentsOnce = () => {
  departments ??= api.get<Page<Department>>('/v1/departments?limit=200').catch((error: unknown) => {
    departments = undefined;
    throw error;
  });
  return departments;
};
export const forgetDepartmentNames = () => {
  departments = undefined;
};

/**
 * The API names departments by id; people read their names. Answers a lookup from id to name
 * (the id itself until the list has come, or for a department never registered).
 */
export const useDepartmentNames = (): ((id: string) => string) => {
  const list = useResource(departmentsOnce, []);
  const names = new Map((list.data?.items ?? []).map((d) => [d.id, d.name]));
  return (id) => names.get(id) ?? id;
};
