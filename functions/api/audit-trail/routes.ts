import * as z from 'zod';
import { ChainVerdictSchema } from '#shared/domain/audit-chain.ts';
import { ProjectEventSchema } from '#shared/domain/project.schema.ts';
import { defineRoute } from '#shared/http/route.ts';
import { ANY_ROLE, PAGING, ProjectParams, page } from '../route-parts.ts';

export const listProjectEvents = defineRoute({
  id: 'listProjectEvents',
  method: 'GET',
  path: '/v1/projects/{id}/events',
  handler: 'audit-trail/list-project-events',
  adapters: { projects: 'read' },
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
  handler: 'audit-trail/verify-project-events',
  adapters: { projects: 'read' },
  roles: ANY_ROLE,
  summary: 'Recompute the hash chain of the audit trail (ART33)',
  params: ProjectParams,
  response: ChainVerdictSchema,
});
