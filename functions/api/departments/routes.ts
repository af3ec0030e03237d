import * as z from 'zod';
import { DepartmentInputSchema, DepartmentSchema, DeptIdSchema } from '#shared/domain/department.schema.ts';
import { defineRoute } from '#shared/http/route.ts';
import { ANY_ROLE, page } from '../route-parts.ts';

export const listDepartments = defineRoute({
  id: 'listDepartments',
  method: 'GET',
  path: '/v1/departments',
  handler: 'departments/list-departments',
  roles: ANY_ROLE,
  summary: 'Departments and their data-management units (ART09)',
  response: page(DepartmentSchema),
});

export const putDepartment = defineRoute({
  id: 'putDepartment',
  method: 'PUT',
  path: '/v1/departments/{deptId}',
  handler: 'departments/put-department',
  roles: ['admin', 'data-bureau'],
  summary: 'Create or replace a department, naming its data-management unit (ART09)',
  params: z.object({ deptId: DeptIdSchema }),
  body: DepartmentInputSchema,
  response: DepartmentSchema,
});
