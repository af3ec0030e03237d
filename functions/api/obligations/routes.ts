import * as z from 'zod';
import { FundingSchema } from '#shared/domain/finding.schema.ts';
import { ObligationSchema } from '#shared/domain/obligation.ts';
import { WaiverInputSchema, WaiverSchema } from '#shared/domain/waiver.ts';
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

const WaiverParams = ProjectParams.extend({ obligationId: z.string().min(1).max(200) });
const WaiverOutcomeSchema = z.object({ obligation: ObligationSchema, waiver: WaiverSchema });

export const waiveObligation = defineRoute({
  id: 'waiveObligation',
  method: 'POST',
  path: '/v1/projects/{id}/obligations/{obligationId}/waiver',
  handler: 'obligations/waive-obligation',
  adapters: { departments: 'read', idempotency: 'write', obligations: 'write', projects: 'write', records: 'write' },
  roles: ['data-bureau'],
  summary:
    'Propose to waive a duty (a Data Bureau officer, neither of the owner department or a co-builder nor the submitter: ART04-ROLE), with the reason; `obligationId` is `{code}.{key}`. The duty stays open until a second officer confirms. Only a baseline milestone (ART20-BASELINE) is waivable: any other duty is refused 422 with its own code',
  params: WaiverParams,
  body: WaiverInputSchema,
  response: WaiverOutcomeSchema,
  status: 201,
  headers: ['Idempotency-Key'],
});

export const confirmWaiver = defineRoute({
  id: 'confirmWaiver',
  method: 'POST',
  path: '/v1/projects/{id}/obligations/{obligationId}/waiver/confirmation',
  handler: 'obligations/confirm-waiver',
  adapters: { departments: 'read', idempotency: 'write', obligations: 'write', projects: 'write', records: 'write' },
  roles: ['data-bureau'],
  summary:
    'Confirm a proposed waiver (a second Data Bureau officer, another `sub`: the proposer is refused ART04-ROLE): the duty is waived',
  params: WaiverParams,
  body: z.object({}).strict().optional(),
  response: WaiverOutcomeSchema,
  headers: ['Idempotency-Key'],
});

export const withdrawWaiver = defineRoute({
  id: 'withdrawWaiver',
  method: 'DELETE',
  path: '/v1/projects/{id}/obligations/{obligationId}/waiver',
  handler: 'obligations/withdraw-waiver',
  adapters: { departments: 'read', obligations: 'write', projects: 'write', records: 'write' },
  roles: ['data-bureau'],
  summary: 'Withdraw a waiver proposal not yet confirmed (its proposer only); the duty stays open',
  params: WaiverParams,
  response: WaiverOutcomeSchema,
});

export const listWaivers = defineRoute({
  id: 'listWaivers',
  method: 'GET',
  path: '/v1/waivers',
  handler: 'obligations/list-waivers',
  adapters: { records: 'read' },
  roles: ['data-bureau', 'audit', 'admin'],
  summary:
    'Every waiver of the county, proposed, confirmed or withdrawn, with both officers, oldest first (ART33-RECORDS)',
  query: z.object({ ...PAGING }),
  response: page(WaiverSchema),
});
