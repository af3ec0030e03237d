import {
  AcceptanceFilingInputSchema,
  PreliminaryAcceptanceInputSchema,
  PreliminaryAcceptanceSchema,
  SelfEvaluationInputSchema,
  SelfEvaluationSchema,
} from '#shared/domain/acceptance.ts';
import { ProjectSchema } from '#shared/domain/project.schema.ts';
import { defineRoute } from '#shared/http/route.ts';
import { OWNER_ROLES, ProjectParams } from '../route-parts.ts';

export const preliminaryAcceptance = defineRoute({
  id: 'preliminaryAcceptance',
  method: 'POST',
  path: '/v1/projects/{id}/preliminary-acceptance',
  handler: 'acceptance/preliminary-acceptance',
  adapters: {
    documents: 'read',
    idempotency: 'write',
    obligations: 'read',
    projects: 'write',
    records: 'write',
    workflows: 'start',
  },
  roles: OWNER_ROLES,
  summary:
    "The owner's preliminary acceptance with the ART28 evidence (ART28-ACCEPTANCE-EVIDENCE); starts the acceptance workflow: technical acceptance, then for projects approved under ART13 completion acceptance (ART27-ACCEPTANCE-ORDER)",
  params: ProjectParams,
  body: PreliminaryAcceptanceInputSchema,
  response: PreliminaryAcceptanceSchema,
  status: 202,
  headers: ['Idempotency-Key'],
});

export const fileAcceptance = defineRoute({
  id: 'fileAcceptance',
  method: 'POST',
  path: '/v1/projects/{id}/acceptance-filing',
  handler: 'acceptance/file-acceptance',
  adapters: { documents: 'read', obligations: 'write', projects: 'write', workflows: 'start' },
  roles: OWNER_ROLES,
  summary:
    "File the acceptance report with the Data Bureau (ART29-FILING): opens the Data Bureau's filing-confirmation task, whose approval alone fulfils the duty, sets filedOn and lifts the hold on construction and O&M funds; 409 while a filing awaits confirmation",
  params: ProjectParams,
  body: AcceptanceFilingInputSchema,
  response: ProjectSchema,
});

export const selfEvaluate = defineRoute({
  id: 'selfEvaluate',
  method: 'POST',
  path: '/v1/projects/{id}/self-evaluation',
  handler: 'acceptance/self-evaluate',
  adapters: { documents: 'read', idempotency: 'write', obligations: 'write', projects: 'write', records: 'write' },
  roles: OWNER_ROLES,
  summary: 'The performance self-evaluation after acceptance, seven aspects rated 1–5 (ART30-SELF-EVALUATION)',
  params: ProjectParams,
  body: SelfEvaluationInputSchema,
  response: SelfEvaluationSchema,
  status: 201,
  headers: ['Idempotency-Key'],
});
