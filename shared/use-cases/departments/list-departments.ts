import type { Department } from '#shared/domain/department.schema.ts';
import type { Deps } from '../deps.ts';
import type { Page } from '../ports.ts';

/** Every department: a county has dozens, so one page holds them all. */
export const listDepartments = async (deps: Pick<Deps, 'departments'>): Promise<Page<Department>> => ({
  items: await deps.departments.list(),
  nextCursor: null,
});
