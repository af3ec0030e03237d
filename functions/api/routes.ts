import * as z from 'zod';
import { DepartmentInputSchema, DepartmentSchema, DeptIdSchema } from '#shared/domain/department.schema.ts';
import { ROLES } from '#shared/domain/roles.ts';
import { defineRoute, type RouteDefinition } from '#shared/http/route.ts';

/**
 * Every route of the HTTP API, in one place: the CDK api construct builds one function and one
 * API Gateway route from each, the handler enforces the roles declared here, the OpenAPI
 * document describes them, and the authorization matrix test proves them.
 */

export const HealthSchema = z.object({ status: z.literal('ok') });

export const health = defineRoute({
  id: 'getHealth',
  method: 'GET',
  path: '/v1/health',
  handler: 'health',
  roles: 'public',
  summary: 'Liveness',
  response: HealthSchema,
});

export const openApi = defineRoute({
  id: 'getOpenApi',
  method: 'GET',
  path: '/v1/openapi.json',
  handler: 'openapi',
  roles: 'public',
  summary: 'The OpenAPI 3.1 document of every route',
  response: z.record(z.string(), z.unknown()),
});

/** Every role may read; `audit` is one of them and reads everything (ART33). */
const ANY_ROLE = ROLES;

const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

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

export const routes: readonly RouteDefinition[] = [health, openApi, listDepartments, putDepartment];
