import * as z from 'zod';
import { CalendarYearSchema, DateSchema } from '#shared/domain/calendar.ts';
import { DepartmentInputSchema, DepartmentSchema, DeptIdSchema } from '#shared/domain/department.schema.ts';
import { DocumentSchema } from '#shared/domain/document.schema.ts';
import { DocumentRequestSchema } from '#shared/domain/document-rules.ts';
import { FindingSchema } from '#shared/domain/finding.schema.ts';
import { ObligationSchema } from '#shared/domain/obligation.ts';
import {
  ProjectEventSchema,
  ProjectInputSchema,
  ProjectPatchSchema,
  ProjectSchema,
  StageSchema,
} from '#shared/domain/project.schema.ts';
import { DecisionInputSchema, TaskSchema } from '#shared/domain/review.ts';
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

/** API.md § Lists: `?limit=` (default 50, max 200) and `?cursor=`. */
const PAGING = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2048).optional(),
};

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
    ...PAGING,
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
  headers: ['Idempotency-Key'],
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
  query: z.object({ ...PAGING }),
  response: page(ProjectEventSchema),
});

export const verifyProjectEvents = defineRoute({
  id: 'verifyProjectEvents',
  method: 'GET',
  path: '/v1/projects/{id}/events/verify',
  handler: 'projects/verify-project-events',
  roles: ANY_ROLE,
  summary: 'Recompute the hash chain of the audit trail (ART33)',
  params: ProjectParams,
  response: z.object({
    valid: z.boolean(),
    count: z.number().int(),
    headHash: z.string(),
    brokenAt: z.number().int().optional(),
  }),
});

const DocumentParams = ProjectParams.extend({ docId: z.string().min(1).max(64) });
const REVIEWER_ROLES = ['data-bureau', 'approval-bureau', 'finance'] as const;

export const requestDocumentUpload = defineRoute({
  id: 'requestDocumentUpload',
  method: 'POST',
  path: '/v1/projects/{id}/documents',
  handler: 'documents/request-upload',
  roles: [...OWNER_ROLES, ...REVIEWER_ROLES],
  summary: 'Declare a document and get a presigned PUT (15 minutes) signing its type, length and SHA-256',
  params: ProjectParams,
  body: DocumentRequestSchema,
  response: z.object({
    document: DocumentSchema,
    upload: z
      .object({
        method: z.literal('PUT'),
        url: z.string(),
        headers: z.record(z.string(), z.string()),
        expiresAt: z.string(),
      })
      .nullable()
      .describe('null only when a retry with the same Idempotency-Key finds the document already uploaded'),
  }),
  status: 201,
  headers: ['Idempotency-Key'],
});

export const listDocuments = defineRoute({
  id: 'listDocuments',
  method: 'GET',
  path: '/v1/projects/{id}/documents',
  handler: 'documents/list-documents',
  roles: ANY_ROLE,
  summary: 'The documents of a project with their status (pending, verified, rejected)',
  params: ProjectParams,
  query: z.object({ ...PAGING }),
  response: page(DocumentSchema),
});

export const getDocument = defineRoute({
  id: 'getDocument',
  method: 'GET',
  path: '/v1/projects/{id}/documents/{docId}',
  handler: 'documents/get-document',
  roles: ANY_ROLE,
  summary: 'One document',
  params: DocumentParams,
  response: DocumentSchema,
});

export const downloadDocument = defineRoute({
  id: 'downloadDocument',
  method: 'GET',
  path: '/v1/projects/{id}/documents/{docId}/download',
  handler: 'documents/download-document',
  roles: ANY_ROLE,
  summary: 'A presigned GET (5 minutes) of a verified document, saved under its original name',
  params: DocumentParams,
  response: z.object({ url: z.string(), expiresAt: z.string() }),
});

const TaskParams = z.object({ taskId: z.string().min(1).max(160) });

export const listTasks = defineRoute({
  id: 'listTasks',
  method: 'GET',
  path: '/v1/tasks',
  handler: 'tasks/list-tasks',
  roles: ANY_ROLE,
  summary: 'Open review tasks the caller may decide (its queue), earliest due first',
  query: z.object({
    ...PAGING,
  }),
  response: page(TaskSchema),
});

export const getTask = defineRoute({
  id: 'getTask',
  method: 'GET',
  path: '/v1/tasks/{taskId}',
  handler: 'tasks/get-task',
  roles: ANY_ROLE,
  summary: 'One review task (never its callback token)',
  params: TaskParams,
  response: TaskSchema,
});

export const decideTask = defineRoute({
  id: 'decideTask',
  method: 'POST',
  path: '/v1/tasks/{taskId}/decision',
  handler: 'tasks/decide-task',
  roles: [...REVIEWER_ROLES],
  summary: 'Decide a review: approve, reject or return, with the opinion and the checklist (ART13, ART14)',
  params: TaskParams,
  body: DecisionInputSchema,
  response: TaskSchema,
});

export const getCalendarYear = defineRoute({
  id: 'getCalendarYear',
  method: 'GET',
  path: '/v1/calendar/{year}',
  handler: 'calendar/get-calendar-year',
  roles: ANY_ROLE,
  summary: "A year's statutory holidays and make-up working days",
  params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
  response: CalendarYearSchema,
});

export const putCalendarYear = defineRoute({
  id: 'putCalendarYear',
  method: 'PUT',
  path: '/v1/calendar/{year}',
  handler: 'calendar/put-calendar-year',
  roles: ['admin'],
  summary: "Replace a year's holidays and make-up working days; provisional due dates are counted again",
  params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
  body: z.object({ holidays: z.array(DateSchema).max(60), workdays: z.array(DateSchema).max(30) }).strict(),
  response: CalendarYearSchema.extend({ recounted: z.number().int() }),
});

export const countWorkingDays = defineRoute({
  id: 'countWorkingDays',
  method: 'GET',
  path: '/v1/calendar/working-days',
  handler: 'calendar/count-working-days',
  roles: ANY_ROLE,
  summary: 'The N-th working day after a date (provisional when it runs into a year with no calendar)',
  query: z.object({ from: DateSchema, add: z.coerce.number().int().min(0).max(1000) }),
  response: z.object({ from: z.string(), add: z.number(), due: z.string(), provisional: z.boolean() }),
});

export const fileBudget = defineRoute({
  id: 'fileBudget',
  method: 'POST',
  path: '/v1/projects/{id}/budget-filing',
  handler: 'projects/file-budget',
  roles: OWNER_ROLES,
  summary: 'File the budget approval with the Data Bureau (ART14-BUDGET-FILING)',
  params: ProjectParams,
  body: z.object({ budgetApprovalDocumentId: z.string().min(1).max(64) }).strict(),
  response: ProjectSchema,
});

export const startConstruction = defineRoute({
  id: 'startConstruction',
  method: 'POST',
  path: '/v1/projects/{id}/construction-start',
  handler: 'projects/start-construction',
  roles: OWNER_ROLES,
  summary: 'Record the start of construction: after approval, or first for an emergency project (ART07, ART15)',
  params: ProjectParams,
  response: ProjectSchema,
});

export const getFunding = defineRoute({
  id: 'getFunding',
  method: 'GET',
  path: '/v1/projects/{id}/funding',
  handler: 'projects/get-funding',
  roles: ANY_ROLE,
  summary: 'Whether construction and operations funds may be released, and why not',
  params: ProjectParams,
  response: z.object({
    construction: z.enum(['allowed', 'held']),
    operations: z.enum(['allowed', 'held']),
    holds: z.array(
      z.object({
        code: z.string(),
        article: z.number().int().optional(),
        since: z.string(),
        funds: z.array(z.string()),
      }),
    ),
  }),
});

export const listObligations = defineRoute({
  id: 'listObligations',
  method: 'GET',
  path: '/v1/projects/{id}/obligations',
  handler: 'projects/list-obligations',
  roles: ANY_ROLE,
  summary: "The project's duties with their due dates (open, fulfilled, waived)",
  params: ProjectParams,
  query: z.object({ ...PAGING }),
  response: page(ObligationSchema.extend({ id: z.string() })),
});

export const waiveObligation = defineRoute({
  id: 'waiveObligation',
  method: 'POST',
  path: '/v1/projects/{id}/obligations/{obligationId}/waiver',
  handler: 'projects/waive-obligation',
  roles: ['data-bureau'],
  summary: 'Waive a duty (the Data Bureau only), with the reason on the audit trail; `obligationId` is `{code}.{key}`',
  params: ProjectParams.extend({ obligationId: z.string().min(1).max(200) }),
  body: z.object({ reason: z.string().trim().min(1).max(2000) }).strict(),
  response: ObligationSchema,
  status: 201,
  headers: ['Idempotency-Key'],
});

export const runSweep = defineRoute({
  id: 'runSweep',
  method: 'POST',
  path: '/v1/sweeps',
  handler: 'sweeps/run-sweep',
  roles: ['data-bureau', 'admin'],
  summary: 'Run the compliance sweep now, as of a date (default today in Asia/Shanghai)',
  body: z.object({ asOf: DateSchema.optional() }).strict().default({}),
  response: z.object({
    asOf: z.string(),
    examined: z.number().int(),
    opened: z.number().int(),
    resolved: z.number().int(),
    holdsPlaced: z.number().int(),
    holdsLifted: z.number().int(),
    itemsRead: z.number().int(),
  }),
});

export const listFindings = defineRoute({
  id: 'listFindings',
  method: 'GET',
  path: '/v1/findings',
  handler: 'sweeps/list-findings',
  roles: ['data-bureau', 'finance', 'audit', 'admin', 'dept-staff', 'dept-head'],
  summary: 'Compliance findings; owners see their own',
  query: z.object({
    status: z.enum(['open', 'resolved']).optional(),
    projectId: z.string().max(64).optional(),
    code: z.string().max(64).optional(),
    ...PAGING,
  }),
  response: page(FindingSchema.extend({ daysLate: z.number().int() })),
});

const AnnualPlanBody = z
  .object({
    items: z
      .array(
        z
          .object({ id: z.string().min(1).max(64), deptId: DeptIdSchema, name: z.string().trim().min(1).max(200) })
          .strict(),
      )
      .max(1000),
  })
  .strict();

export const getAnnualPlan = defineRoute({
  id: 'getAnnualPlan',
  method: 'GET',
  path: '/v1/annual-plans/{year}',
  handler: 'annual-plans/get-annual-plan',
  roles: ANY_ROLE,
  summary: "The county's approved annual project plan for a year (ART06)",
  params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
  response: AnnualPlanBody.extend({ year: z.number().int(), updatedAt: z.string(), updatedBy: z.string() }),
});

export const putAnnualPlan = defineRoute({
  id: 'putAnnualPlan',
  method: 'PUT',
  path: '/v1/annual-plans/{year}',
  handler: 'annual-plans/put-annual-plan',
  roles: ['data-bureau', 'admin'],
  summary: "Record the county's approved annual project plan for a year (ART06; the Data Bureau keeps it)",
  params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
  body: AnnualPlanBody,
  response: AnnualPlanBody.extend({ year: z.number().int(), updatedAt: z.string(), updatedBy: z.string() }),
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
  requestDocumentUpload,
  listDocuments,
  getDocument,
  downloadDocument,
  listTasks,
  getTask,
  decideTask,
  getCalendarYear,
  putCalendarYear,
  countWorkingDays,
  fileBudget,
  startConstruction,
  getFunding,
  listObligations,
  waiveObligation,
  runSweep,
  listFindings,
  getAnnualPlan,
  putAnnualPlan,
];
