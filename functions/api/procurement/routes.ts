import * as z from 'zod';
import { ContractInputSchema, ContractSchema } from '#shared/domain/contract.ts';
import {
  ImplementationInputSchema,
  ImplementationSchema,
  ProcurementNoticeInputSchema,
  ProcurementNoticeSchema,
  ProcurementPlanInputSchema,
  ProcurementPlanSchema,
} from '#shared/domain/procurement.ts';
import { defineRoute } from '#shared/http/route.ts';
import { ANY_ROLE, OWNER_ROLES, PAGING, ProjectParams, page } from '../route-parts.ts';

export const fileProcurementPlan = defineRoute({
  id: 'fileProcurementPlan',
  method: 'POST',
  path: '/v1/projects/{id}/procurement-plan',
  handler: 'procurement/file-procurement-plan',
  adapters: { documents: 'read', idempotency: 'write', obligations: 'read', projects: 'write', records: 'write' },
  roles: OWNER_ROLES,
  summary:
    'File the procurement plan, once (ART16-PROCUREMENT-PLAN): budget within the approved budget or estimate (ART17-WITHIN-BUDGET), no classified qualification for a non-classified project (ART18-QUALIFICATION); approved → procurement',
  params: ProjectParams,
  body: ProcurementPlanInputSchema,
  response: ProcurementPlanSchema,
  status: 201,
  headers: ['Idempotency-Key'],
});

export const amendProcurementPlan = defineRoute({
  id: 'amendProcurementPlan',
  method: 'PUT',
  path: '/v1/projects/{id}/procurement-plan',
  handler: 'procurement/amend-procurement-plan',
  adapters: { documents: 'read', obligations: 'read', projects: 'write', records: 'write' },
  roles: OWNER_ROLES,
  summary:
    'After a change is re-approved (ART22), file the amended procurement plan within the new budget (ART17-WITHIN-BUDGET; the contracts already signed still count, and the budget may not be below them); 409 without a re-approval since the plan was filed',
  params: ProjectParams,
  body: ProcurementPlanInputSchema,
  response: ProcurementPlanSchema,
});

export const publishProcurementNotice = defineRoute({
  id: 'publishProcurementNotice',
  method: 'POST',
  path: '/v1/projects/{id}/procurement-notices',
  handler: 'procurement/publish-notice',
  adapters: { documents: 'read', idempotency: 'write', obligations: 'read', projects: 'write', records: 'write' },
  roles: OWNER_ROLES,
  summary: 'Record a published procurement notice, after the plan (ART16-PROCUREMENT-PLAN)',
  params: ProjectParams,
  body: ProcurementNoticeInputSchema,
  response: ProcurementNoticeSchema,
  status: 201,
  headers: ['Idempotency-Key'],
});

export const recordContract = defineRoute({
  id: 'recordContract',
  method: 'POST',
  path: '/v1/projects/{id}/contracts',
  handler: 'procurement/record-contract',
  adapters: { documents: 'read', idempotency: 'write', obligations: 'write', projects: 'write', records: 'write' },
  roles: OWNER_ROLES,
  summary:
    'Record a signed construction or supervision contract: after the plan and a notice (ART16), within the procurement budget (ART17), qualified (ART18, ART23), no transfer or unqualified subcontractor (ART18-NO-SUBCONTRACT)',
  params: ProjectParams,
  body: ContractInputSchema,
  response: ContractSchema,
  status: 201,
  headers: ['Idempotency-Key'],
});

export const listContracts = defineRoute({
  id: 'listContracts',
  method: 'GET',
  path: '/v1/projects/{id}/contracts',
  handler: 'procurement/list-contracts',
  adapters: { projects: 'read', records: 'read' },
  roles: ANY_ROLE,
  summary: "The project's contracts",
  params: ProjectParams,
  query: z.object({ ...PAGING }),
  response: page(ContractSchema),
});

export const putImplementation = defineRoute({
  id: 'putImplementation',
  method: 'PUT',
  path: '/v1/projects/{id}/implementation',
  handler: 'procurement/put-implementation',
  adapters: { obligations: 'write', projects: 'write', records: 'write' },
  roles: OWNER_ROLES,
  summary: 'Name the implementing body and the responsible person (ART19-RESPONSIBLE)',
  params: ProjectParams,
  body: ImplementationInputSchema,
  response: ImplementationSchema,
});
