import * as z from 'zod';
import { DossierViewSchema } from '#shared/domain/dossier.ts';
import { defineRoute } from '#shared/http/route.ts';
import { ANY_ROLE, PAGING, ProjectParams, page } from '../route-parts.ts';

const DossierParams = ProjectParams.extend({ dossierId: z.string().min(1).max(64) });

const JwkSchema = z.object({
  kty: z.literal('EC'),
  crv: z.enum(['P-256', 'SM2']),
  x: z.string(),
  y: z.string(),
  kid: z.string(),
  alg: z.enum(['ES256', 'SM2DSA']),
  use: z.literal('sig'),
});

export const requestDossier = defineRoute({
  id: 'requestDossier',
  method: 'POST',
  path: '/v1/projects/{id}/dossiers',
  handler: 'dossiers/request-dossier',
  adapters: { dossierBuilds: 'start', dossiers: 'write', idempotency: 'write', projects: 'write' },
  roles: ['audit', 'data-bureau', 'dept-head'],
  summary:
    "Take the project's audit dossier (ART33-RECORDS): one signed ZIP of every verified document and the whole record, built outside the request; the owner department's head for its own project",
  params: ProjectParams,
  response: z.object({ dossierId: z.string() }),
  status: 202,
  headers: ['Idempotency-Key'],
});

export const getDossier = defineRoute({
  id: 'getDossier',
  method: 'GET',
  path: '/v1/projects/{id}/dossiers/{dossierId}',
  handler: 'dossiers/get-dossier',
  adapters: { dossierArchive: 'download', dossiers: 'read', projects: 'read' },
  roles: ANY_ROLE,
  summary: 'A dossier: building, ready (with its SHA-256, size and a presigned download) or failed',
  params: DossierParams,
  response: DossierViewSchema,
});

export const listDossiers = defineRoute({
  id: 'listDossiers',
  method: 'GET',
  path: '/v1/projects/{id}/dossiers',
  handler: 'dossiers/list-dossiers',
  adapters: { dossiers: 'read', projects: 'read' },
  roles: ANY_ROLE,
  summary: 'The dossiers taken of the project, oldest first',
  params: ProjectParams,
  query: z.object({ ...PAGING }),
  response: page(DossierViewSchema),
});

export const listCountyDossiers = defineRoute({
  id: 'listCountyDossiers',
  method: 'GET',
  path: '/v1/dossiers',
  handler: 'dossiers/list-county-dossiers',
  adapters: { dossiers: 'read' },
  roles: ['audit', 'data-bureau', 'admin'],
  summary: 'Every dossier taken in the county, oldest first (ART33-RECORDS)',
  query: z.object({ ...PAGING }),
  response: page(DossierViewSchema),
});

export const dossierKeys = defineRoute({
  id: 'getDossierKeys',
  method: 'GET',
  path: '/v1/dossier-keys',
  handler: 'dossiers/dossier-keys',
  adapters: { dossierSigner: 'publish' },
  roles: 'public',
  summary:
    'The public keys that sign dossiers, as a JWKS (ES256; SM2 where it signs too): what lingchuan-verify --jwks reads',
  response: z.object({ keys: z.array(JwkSchema) }),
  cacheSeconds: 3600,
});
