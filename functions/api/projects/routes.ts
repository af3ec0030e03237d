import * as z from 'zod';
import { DeptIdSchema } from '#shared/domain/department.schema.ts';
import { ProjectInputSchema, ProjectPatchSchema, ProjectSchema } from '#shared/domain/project.schema.ts';
import { StageSchema } from '#shared/domain/stages.ts';
import { defineRoute } from '#shared/http/route.ts';
import { ANY_ROLE, OWNER_ROLES, PAGING, ProjectParams, page } from '../route-parts.ts';

export const createProject = defineRoute({
  id: 'createProject',
  method: 'POST',
  path: '/v1/projects',
  handler: 'projects/create-project',
  adapters: { annualPlans: 'read', idempotency: 'write', projects: 'write' },
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
  adapters: { projects: 'read' },
  roles: ANY_ROLE,
  summary: 'Projects visible to the caller, newest first',
  query: z.object({
    stage: StageSchema.optional(),
    deptId: DeptIdSchema.optional(),
    ...PAGING,
  }),
  response: page(ProjectSchema),
});

export const getProject = defineRoute({
  id: 'getProject',
  method: 'GET',
  path: '/v1/projects/{id}',
  handler: 'projects/get-project',
  adapters: { projects: 'read' },
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
  adapters: { annualPlans: 'read', calendar: 'read', obligations: 'write', projects: 'write' },
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
  adapters: { documents: 'read', projects: 'write' },
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
  adapters: { idempotency: 'write', projects: 'write' },
  roles: ['dept-head'],
  summary: "A co-building department head's confirmation of the joint declaration (ART11)",
  params: ProjectParams,
  response: ProjectSchema,
  status: 201,
  headers: ['Idempotency-Key'],
});

export const submitProject = defineRoute({
  id: 'submitProject',
  method: 'POST',
  path: '/v1/projects/{id}/submit',
  handler: 'projects/submit-project',
  adapters: {
    annualPlans: 'read',
    departments: 'read',
    documents: 'read',
    idempotency: 'write',
    obligations: 'write',
    projects: 'write',
    workflows: 'start',
  },
  roles: OWNER_ROLES,
  summary: 'Declare the project: every declaration rule is checked, then the approval workflow starts',
  params: ProjectParams,
  response: ProjectSchema,
  status: 202,
  headers: ['Idempotency-Key'],
});

export const fileBudget = defineRoute({
  id: 'fileBudget',
  method: 'POST',
  path: '/v1/projects/{id}/budget-filing',
  handler: 'projects/file-budget',
  adapters: { documents: 'read', obligations: 'write', projects: 'write' },
  roles: OWNER_ROLES,
  summary: 'File the budget approval with the Data Bureau (ART14-BUDGET-FILING)',
  params: ProjectParams,
  body: z.object({ budgetApprovalDocumentId: z.string().min(1).max(64) }).strict(),
  response: ProjectSchema,
});
