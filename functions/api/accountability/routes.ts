import * as z from 'zod';
import { AccountabilityInputSchema, AccountabilityRecordSchema } from '#shared/domain/acceptance.ts';
import { defineRoute } from '#shared/http/route.ts';
import { ANY_ROLE, PAGING, ProjectParams, page } from '../route-parts.ts';

export const recordAccountability = defineRoute({
  id: 'recordAccountability',
  method: 'POST',
  path: '/v1/projects/{id}/accountability-records',
  handler: 'accountability/record-accountability',
  adapters: { documents: 'read', idempotency: 'write', obligations: 'read', projects: 'write', records: 'write' },
  roles: ['audit', 'data-bureau', 'finance'],
  summary:
    'Record an accountability finding on the project (ART33-RECORDS, ART34): serious overrun, poor quality, loss and waste, a security incident, misappropriation, improper O&M funding',
  params: ProjectParams,
  body: AccountabilityInputSchema,
  response: AccountabilityRecordSchema,
  status: 201,
  headers: ['Idempotency-Key'],
});

export const listProjectAccountability = defineRoute({
  id: 'listProjectAccountability',
  method: 'GET',
  path: '/v1/projects/{id}/accountability-records',
  handler: 'accountability/list-project-accountability',
  adapters: { projects: 'read', records: 'read' },
  roles: ANY_ROLE,
  summary: "The project's accountability records",
  params: ProjectParams,
  query: z.object({ ...PAGING }),
  response: page(AccountabilityRecordSchema),
});

export const listAccountability = defineRoute({
  id: 'listAccountability',
  method: 'GET',
  path: '/v1/accountability-records',
  handler: 'accountability/list-accountability',
  adapters: { records: 'read' },
  roles: ['audit', 'data-bureau', 'finance', 'admin'],
  summary: 'Accountability records across the county, oldest first (ART33-RECORDS, ART34)',
  query: z.object({ ...PAGING }),
  response: page(AccountabilityRecordSchema),
});
