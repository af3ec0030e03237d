import type { Department } from '#shared/domain/department.schema.ts';
import { api, type Page } from './api/client.ts';
import { useResource } from './use-resource.ts';

/**
 * The API names departments by id; people read their names. Answers a lookup from id to name
 * (the id itself until the list has come, or for a department never registered).
 */
export const useDepartmentNames = (): ((id: string) => string) => {
  const departments = useResource(() => api.get<Page<Department>>('/v1/departments?limit=200'), []);
  const names = new Map((departments.data?.items ?? []).map((d) => [d.id, d.name]));
  return (id) => names.get(id) ?? id;
};
