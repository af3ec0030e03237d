import * as z from 'zod';
import { SecurityDrillInputSchema, SecurityDrillSchema } from '#shared/domain/construction.ts';
import { DepartmentInputSchema, DepartmentSchema, DeptIdSchema } from '#shared/domain/department.schema.ts';
import { defineRoute } from '#shared/http/route.ts';
import { ANY_ROLE, page } from '../route-parts.ts';

export const listDepartments = defineRoute({
  id: 'listDepartments',
  method: 'GET',
  path: '/v1/departments',
  handler: 'departments/list-departments',
  adapters: { departments: 'read' },
  roles: ANY_ROLE,
  summary: 'Departments and their data-management units (ART09)',
  response: page(DepartmentSchema),
});

export const putDepartment = defineRoute({
  id: 'putDepartment',
  method: 'PUT',
  path: '/v1/departments/{deptId}',
  handler: 'departments/put-department',
  adapters: { departments: 'write' },
  roles: ['admin', 'data-bureau'],
  summary: 'Create or replace a department, naming its data-management unit (ART09)',
  params: z.object({ deptId: DeptIdSchema }),
  body: DepartmentInputSchema,
  response: DepartmentSchema,
});

const DeptParams = z.object({ deptId: DeptIdSchema });

export const recordSecurityDrill = defineRoute({
  id: 'recordSecurityDrill',
  method: 'POST',
  path: '/v1/departments/{deptId}/security-drills',
  handler: 'departments/record-security-drill',
  adapters: { departments: 'write', idempotency: 'write' },
  roles: ['dept-head', 'data-bureau'],
  summary:
    "Record a drill of the department's security emergency plan (ART24-SECURITY): its own head, or the Data Bureau",
  params: DeptParams,
  body: SecurityDrillInputSchema,
  response: SecurityDrillSchema,
  status: 201,
  headers: ['Idempotency-Key'],
});

export const listSecurityDrills = defineRoute({
  id: 'listSecurityDrills',
  method: 'GET',
  path: '/v1/departments/{deptId}/security-drills',
  handler: 'departments/list-security-drills',
  adapters: { departments: 'read' },
  roles: ANY_ROLE,
  summary: "The department's security drills, oldest first (ART24-SECURITY)",
  params: DeptParams,
  response: page(SecurityDrillSchema),
});
