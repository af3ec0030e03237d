import * as z from 'zod';
import {
  AssetsInputSchema,
  AssetsSchema,
  CompletionInputSchema,
  ConstructionStartInputSchema,
  MilestoneReportInputSchema,
  MilestoneReportSchema,
  SecurityRecordInputSchema,
  SecurityRecordSchema,
} from '#shared/domain/construction.ts';
import { PHASE_RECORDS } from '#shared/domain/phase-records.ts';
import { ProjectSchema } from '#shared/domain/project.schema.ts';
import { defineRoute } from '#shared/http/route.ts';
import { ANY_ROLE, OWNER_ROLES, ProjectParams } from '../route-parts.ts';

export const startConstruction = defineRoute({
  id: 'startConstruction',
  method: 'POST',
  path: '/v1/projects/{id}/construction-start',
  handler: 'construction/start-construction',
  adapters: {
    calendar: 'read',
    documents: 'read',
    obligations: 'write',
    projects: 'write',
    records: 'write',
    workflows: 'start',
  },
  roles: OWNER_ROLES,
  summary:
    "Start construction with its baseline: after approval (ART07-NO-BUILD-BEFORE-APPROVAL), a construction contract (ART17-NO-BUILD-BEFORE-TENDER), the responsible person (ART19-RESPONSIBLE), supervision (ART23-SUPERVISION) and confidentiality (ART25-CONFIDENTIALITY); an emergency project first, on its dept-head's word (ART04-ROLE), each missing item an ART15-EMERGENCY duty, the Data Bureau's emergency-confirmation opened at once",
  params: ProjectParams,
  body: ConstructionStartInputSchema,
  response: ProjectSchema,
});

export const nameEmergencyDecision = defineRoute({
  id: 'nameEmergencyDecision',
  method: 'POST',
  path: '/v1/projects/{id}/emergency-decision',
  handler: 'construction/name-emergency-decision',
  adapters: { documents: 'read', obligations: 'write', projects: 'write' },
  roles: ['dept-head'],
  summary:
    "Name the department's collective decision to build an emergency project at once (ART15-EMERGENCY, 三重一大): the owner's dept-head, with a verified emergency-decision document; fulfils the emergency-decision duty the start opened",
  params: ProjectParams,
  body: z.object({ documentId: z.string().min(1).max(64) }).strict(),
  response: ProjectSchema,
});

export const reportMilestone = defineRoute({
  id: 'reportMilestone',
  method: 'POST',
  path: '/v1/projects/{id}/milestones',
  handler: 'construction/report-milestone',
  adapters: {
    documents: 'read',
    findings: 'write',
    idempotency: 'write',
    obligations: 'write',
    projects: 'write',
    records: 'write',
  },
  roles: OWNER_ROLES,
  summary:
    'Report a baseline milestone (progress, cumulative spend, quality); late, over plan or deficient is accepted with an ART20-BASELINE warning',
  params: ProjectParams,
  body: MilestoneReportInputSchema,
  response: MilestoneReportSchema,
  status: 201,
  headers: ['Idempotency-Key'],
});

export const putAssets = defineRoute({
  id: 'putAssets',
  method: 'PUT',
  path: '/v1/projects/{id}/assets',
  handler: 'construction/put-assets',
  adapters: { obligations: 'read', projects: 'write', records: 'write' },
  roles: OWNER_ROLES,
  summary: 'Record the assets the project formed, each with its state-asset registration number (ART21-ASSETS)',
  params: ProjectParams,
  body: AssetsInputSchema,
  response: AssetsSchema,
});

export const recordSecurity = defineRoute({
  id: 'recordSecurity',
  method: 'POST',
  path: '/v1/projects/{id}/security-records',
  handler: 'construction/record-security',
  adapters: { documents: 'read', idempotency: 'write', obligations: 'read', projects: 'write', records: 'write' },
  roles: OWNER_ROLES,
  summary:
    'Record an MLPS filing (with its level), a security assessment or a commercial-crypto assessment (ART24-SECURITY)',
  params: ProjectParams,
  body: SecurityRecordInputSchema,
  response: SecurityRecordSchema,
  status: 201,
  headers: ['Idempotency-Key'],
});

export const confirmSecurity = defineRoute({
  id: 'confirmSecurity',
  method: 'POST',
  path: '/v1/projects/{id}/security-records/{recordId}/confirmation',
  handler: 'construction/confirm-security',
  adapters: { departments: 'read', projects: 'write', records: 'write' },
  roles: ['public-security'],
  summary: 'The Public Security Bureau confirms an MLPS filing (ART04, ART24-SECURITY); only a confirmed filing counts',
  params: ProjectParams.extend({ recordId: z.string().min(1).max(64) }),
  body: z.object({}).strict().default({}),
  response: SecurityRecordSchema,
});

export const completeConstruction = defineRoute({
  id: 'completeConstruction',
  method: 'POST',
  path: '/v1/projects/{id}/completion',
  handler: 'construction/complete-construction',
  adapters: { calendar: 'read', obligations: 'write', projects: 'write', records: 'write' },
  roles: OWNER_ROLES,
  summary:
    'The project is built: construction → acceptance; ART27-ACCEPTANCE-DEADLINE starts (six months). 409 while a change awaits re-approval',
  params: ProjectParams,
  body: CompletionInputSchema,
  response: ProjectSchema,
});

export const listPhaseRecords = defineRoute({
  id: 'listPhaseRecords',
  method: 'GET',
  path: '/v1/projects/{id}/records',
  handler: 'construction/list-phase-records',
  adapters: { projects: 'read', records: 'read' },
  roles: ANY_ROLE,
  summary:
    'Every phase record of the project by kind: procurement plan and notices, contracts, implementation, baseline, milestone reports, assets, security records, changes',
  params: ProjectParams,
  response: z.object(
    Object.fromEntries(Object.entries(PHASE_RECORDS).map(([kind, schema]) => [kind, z.array(schema)])) as {
      [K in keyof typeof PHASE_RECORDS]: z.ZodArray<(typeof PHASE_RECORDS)[K]>;
    },
  ),
});
