import * as z from 'zod';
import { ChangeInputSchema, ChangeSchema } from '#shared/domain/change.ts';
import { defineRoute } from '#shared/http/route.ts';
import { ANY_ROLE, OWNER_ROLES, PAGING, ProjectParams, page } from '../route-parts.ts';

export const proposeChange = defineRoute({
  id: 'proposeChange',
  method: 'POST',
  path: '/v1/projects/{id}/changes',
  handler: 'changes/propose-change',
  adapters: {
    calendar: 'read',
    documents: 'read',
    idempotency: 'write',
    obligations: 'write',
    projects: 'write',
    records: 'write',
    workflows: 'start',
  },
  roles: OWNER_ROLES,
  summary:
    'A change during procurement or construction (ART22): filed with the Data Bureau when within the estimate, goal unchanged, a listed reason and ≤ 10% counted since the last approval (ART22-CHANGE-FILING), and when it raises the total above the approved budget it applies only once a round of Finance alone approves the new budget (budgetReview: required); otherwise declared again through approval by the department head with a collective decision and expert opinion (ART22-REAPPROVAL). One pending change at a time',
  params: ProjectParams,
  body: ChangeInputSchema,
  response: ChangeSchema,
  status: 201,
  headers: ['Idempotency-Key'],
});

export const getChange = defineRoute({
  id: 'getChange',
  method: 'GET',
  path: '/v1/projects/{id}/changes/{changeId}',
  handler: 'changes/get-change',
  adapters: { projects: 'read', records: 'read' },
  roles: ANY_ROLE,
  summary:
    "A change with the figures it was judged on, its status and, for a filing above the approved budget, Finance's budget review (budgetReview, budgetReviewStatus; ART22)",
  params: ProjectParams.extend({ changeId: z.string().min(1).max(64) }),
  response: ChangeSchema,
});

export const listChanges = defineRoute({
  id: 'listChanges',
  method: 'GET',
  path: '/v1/projects/{id}/changes',
  handler: 'changes/list-changes',
  adapters: { projects: 'read', records: 'read' },
  roles: ANY_ROLE,
  summary: "The project's changes, each with the figures it was judged on",
  params: ProjectParams,
  query: z.object({ ...PAGING }),
  response: page(ChangeSchema),
});
