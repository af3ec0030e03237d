import { OperationsReportInputSchema, OperationsReportSchema } from '#shared/domain/acceptance.ts';
import {
  DecommissionInputSchema,
  DisposalReportInputSchema,
  DisposalReportSchema,
  DisposalSupplementInputSchema,
} from '#shared/domain/decommission.ts';
import { ProjectSchema } from '#shared/domain/project.schema.ts';
import { defineRoute } from '#shared/http/route.ts';
import { OWNER_ROLES, ProjectParams } from '../route-parts.ts';

export const reportOperations = defineRoute({
  id: 'reportOperations',
  method: 'POST',
  path: '/v1/projects/{id}/operations-reports',
  handler: 'operations/report-operations',
  adapters: {
    calendar: 'read',
    documents: 'read',
    findings: 'write',
    idempotency: 'write',
    obligations: 'write',
    projects: 'write',
    records: 'write',
    workflows: 'start',
  },
  roles: OWNER_ROLES,
  summary:
    "The yearly O&M report for a budget year (ART07-OM-FUNDING): opens the Data Bureau's om-report-confirmation, whose approval alone fulfils the year's duty; off the government cloud, not sharing or not collaborating as declared holds O&M funds at once (and ART26-GOV-CLOUD for a system still off the cloud); only a confirmed report with every item ok lifts it; 409 while a filing awaits confirmation",
  params: ProjectParams,
  body: OperationsReportInputSchema,
  response: OperationsReportSchema,
  status: 201,
  headers: ['Idempotency-Key'],
});

export const decommission = defineRoute({
  id: 'decommission',
  method: 'POST',
  path: '/v1/projects/{id}/decommission',
  handler: 'operations/decommission',
  adapters: { calendar: 'read', documents: 'read', obligations: 'write', projects: 'write' },
  roles: ['dept-head'],
  summary:
    'Retire a system in operations on an expert opinion and then a collective decision, filed with the Data Bureau (ART32-DECOMMISSION); the disposal report is due in 30 days',
  params: ProjectParams,
  body: DecommissionInputSchema,
  response: ProjectSchema,
});

export const reportDisposal = defineRoute({
  id: 'reportDisposal',
  method: 'POST',
  path: '/v1/projects/{id}/disposal-report',
  handler: 'operations/report-disposal',
  adapters: { documents: 'read', idempotency: 'write', obligations: 'write', projects: 'write', records: 'write' },
  roles: OWNER_ROLES,
  summary:
    'Report, once, how and when every asset registered under ART21 was disposed of, or that its disposal is pending and when it is expected (ART32-DISPOSAL-REPORT: each a registered asset, named once, disposed of after the decommissioning); a second report is 409',
  params: ProjectParams,
  body: DisposalReportInputSchema,
  response: DisposalReportSchema,
  status: 201,
  headers: ['Idempotency-Key'],
});

export const supplementDisposal = defineRoute({
  id: 'supplementDisposal',
  method: 'POST',
  path: '/v1/projects/{id}/disposal-report/supplements',
  handler: 'operations/supplement-disposal',
  adapters: { documents: 'read', idempotency: 'write', obligations: 'read', projects: 'write', records: 'write' },
  roles: OWNER_ROLES,
  summary:
    'Settle disposals the report left pending (ART32-DISPOSAL-REPORT): each a pending asset of the report, named once, disposed of after the decommissioning',
  params: ProjectParams,
  body: DisposalSupplementInputSchema,
  response: DisposalReportSchema,
  status: 201,
  headers: ['Idempotency-Key'],
});
