import * as z from 'zod';
import { FundingSchema } from '#shared/domain/finding.schema.ts';
import { ObligationSchema } from '#shared/domain/obligation.ts';
import { multiLine } from '#shared/domain/text.ts';
import { defineRoute } from '#shared/http/route.ts';
import { ANY_ROLE, PAGING, ProjectParams, page } from '../route-parts.ts';

export const getFunding = defineRoute({
  id: 'getFunding',
  method: 'GET',
  path: '/v1/projects/{id}/funding',
  handler: 'obligations/get-funding',
  adapters: { findings: 'read', projects: 'read' },
  roles: ANY_ROLE,
  summary: 'Whether construction and operations funds may be released, and why not',
  params: ProjectParams,
  response: FundingSchema,
});

export const listObligations = defineRoute({
  id: 'listObligations',
  method: 'GET',
  path: '/v1/projects/{id}/obligations',
  handler: 'obligations/list-obligations',
  adapters: { obligations: 'read', projects: 'read' },
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
  handler: 'obligations/waive-obligation',
  adapters: { idempotency: 'write', obligations: 'write', projects: 'write' },
  roles: ['data-bureau'],
  summary:
    'Waive a duty (the Data Bureau only), with the reason on the audit trail; `obligationId` is `{code}.{key}`. A duty whose article cuts funds (ART29-FILING, ART07-OM-FUNDING) cannot be waived (422)',
  params: ProjectParams.extend({ obligationId: z.string().min(1).max(200) }),
  body: z.object({ reason: multiLine(2000) }).strict(),
  response: ObligationSchema,
  status: 201,
  headers: ['Idempotency-Key'],
});
