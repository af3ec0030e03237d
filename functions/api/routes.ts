import * as z from 'zod';
import { DepartmentInputSchema, DepartmentSchema, DeptIdSchema } from '#shared/domain/department.schema.ts';
import {
  ProjectEventSchema,
  ProjectInputSchema,
  ProjectPatchSchema,
  ProjectSchema,
  StageSchema,
} from '#shared/domain/project.schema.ts';
import { DEPARTMENT_ROLES, ROLES } from '#shared/domain/roles.ts';
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

const ProjectParams = z.object({ id: z.string().min(1).max(64) });
const OWNER_ROLES = DEPARTMENT_ROLES as ['dept-staff', 'dept-head'];

export const createProject = defineRoute({
  id: 'createProject',
  method: 'POST',
  path: '/v1/projects',
  handler: 'projects/create-project',
  roles: OWNER_ROLES,
  summary: "Register a draft project for the caller's department (ART02, ART07, ART08 refuse at once)",
  body: ProjectInputSchema,
  response: ProjectSchema,
  status: 201,
  headers: ['Idempotency-Key'],
});

export const listProjects = defineRoute({
  id: 'listProjects',
  method: 'GET',
  path: '/v1/projects',
  handler: 'projects/list-projects',
  roles: ANY_ROLE,
  summary: 'Projects visible to the caller, newest first',
  query: z.object({
    stage: StageSchema.optional(),
    deptId: DeptIdSchema.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(2048).optional(),
  }),
  response: page(ProjectSchema),
});

export const getProject = defineRoute({
  id: 'getProject',
  method: 'GET',
  path: '/v1/projects/{id}',
  handler: 'projects/get-project',
  roles: ANY_ROLE,
  summary: 'One project',
  params: ProjectParams,
  response: ProjectSchema,
});

export const updateProject = defineRoute({
  id: 'updateProject',
  method: 'PATCH',
  path: '/v1/projects/{id}',
  handler: 'projects/update-project',
  roles: OWNER_ROLES,
  summary: 'Edit a draft or returned project; voids sign-off and confirmations',
  params: ProjectParams,
  body: ProjectPatchSchema,
  response: ProjectSchema,
  headers: ['If-Match'],
});

export const signOffProject = defineRoute({
  id: 'signOffProject',
  method: 'POST',
  path: '/v1/projects/{id}/sign-off',
  handler: 'projects/sign-off-project',
  roles: ['dept-head'],
  summary: "The owner department head's internal compliance sign-off (ART10)",
  params: ProjectParams,
  body: z.object({ internalReviewDocumentId: z.string().min(1).max(64) }).strict(),
  response: ProjectSchema,
});

export const confirmProject = defineRoute({
  id: 'confirmProject',
  method: 'POST',
  path: '/v1/projects/{id}/confirmations',
  handler: 'projects/confirm-project',
  roles: ['dept-head'],
  summary: "A co-building department head's confirmation of the joint declaration (ART11)",
  params: ProjectParams,
  response: ProjectSchema,
  status: 201,
});

export const submitProject = defineRoute({
  id: 'submitProject',
  method: 'POST',
  path: '/v1/projects/{id}/submit',
  handler: 'projects/submit-project',
  roles: OWNER_ROLES,
  summary: 'Declare the project: every declaration rule is checked, then the approval workflow starts',
  params: ProjectParams,
  response: ProjectSchema,
  status: 202,
});

export const listProjectEvents = defineRoute({
  id: 'listProjectEvents',
  method: 'GET',
  path: '/v1/projects/{id}/events',
  handler: 'projects/list-project-events',
  roles: ANY_ROLE,
  summary: 'The audit trail, oldest first (ART33)',
  params: ProjectParams,
  response: z.object({ items: z.array(ProjectEventSchema) }),
});

export const verifyProjectEvents = defineRoute({
  id: 'verifyProjectEvents',
  method: 'GET',
  path: '/v1/projects/{id}/events/verify',
  handler: 'projects/verify-project-events',
  roles: ANY_ROLE,
  summary: 'Recompute the hash chain of the audit trail (ART33)',
  params: ProjectParams,
  response: z.object({ valid: z.boolean(), count: z.number().int(), headHash: z.string(), brokenAt: z.number().int().optional() }),
});

export const routes: readonly RouteDefinition[] = [
  health,
  openApi,
  listDepartments,
  putDepartment,
  createProject,
  listProjects,
  getProject,
  updateProject,
  signOffProject,
  confirmProject,
  submitProject,
  listProjectEvents,
  verifyProjectEvents,
];
