import * as z from 'zod';
import { DocumentSchema } from '#shared/domain/document.schema.ts';
import { DocumentRequestSchema } from '#shared/domain/document-rules.ts';
import { defineRoute } from '#shared/http/route.ts';
import { ANY_ROLE, OWNER_ROLES, PAGING, ProjectParams, page, REVIEWER_ROLES } from '../route-parts.ts';

const DocumentParams = ProjectParams.extend({ docId: z.string().min(1).max(64) });

export const requestDocumentUpload = defineRoute({
  id: 'requestDocumentUpload',
  method: 'POST',
  path: '/v1/projects/{id}/documents',
  handler: 'documents/request-upload',
  adapters: {
    documents: 'write',
    idempotency: 'write',
    objects: 'presign',
    obligations: 'read',
    projects: 'write',
    tasks: 'read',
  },
  roles: [...OWNER_ROLES, ...REVIEWER_ROLES, 'audit'],
  summary:
    'Declare a document and get a presigned PUT (15 minutes) signing its type, length and SHA-256: the owner what its stage allows, a reviewer its own opinion, the Audit Bureau its accountability evidence',
  params: ProjectParams,
  body: DocumentRequestSchema,
  response: z.object({
    document: DocumentSchema,
    upload: z
      .object({
        method: z.literal('PUT'),
        url: z.string(),
        headers: z.record(z.string(), z.string()),
        expiresAt: z.string(),
      })
      .nullable()
      .describe('null only when a retry with the same Idempotency-Key finds the document already uploaded'),
  }),
  status: 201,
  headers: ['Idempotency-Key'],
});

export const listDocuments = defineRoute({
  id: 'listDocuments',
  method: 'GET',
  path: '/v1/projects/{id}/documents',
  handler: 'documents/list-documents',
  adapters: { documents: 'read', projects: 'read' },
  roles: ANY_ROLE,
  summary: 'The documents of a project with their status (pending, verified, rejected)',
  params: ProjectParams,
  query: z.object({ ...PAGING }),
  response: page(DocumentSchema),
});

export const getDocument = defineRoute({
  id: 'getDocument',
  method: 'GET',
  path: '/v1/projects/{id}/documents/{docId}',
  handler: 'documents/get-document',
  // The document and its project come in one BatchGetItem (documents.withProject).
  adapters: { documents: 'read' },
  roles: ANY_ROLE,
  summary: 'One document',
  params: DocumentParams,
  response: DocumentSchema,
});

export const downloadDocument = defineRoute({
  id: 'downloadDocument',
  method: 'GET',
  path: '/v1/projects/{id}/documents/{docId}/download',
  handler: 'documents/download-document',
  // As getDocument: the document and its project in one BatchGetItem.
  adapters: { documents: 'read', objects: 'presign' },
  roles: ANY_ROLE,
  summary: 'A presigned GET (5 minutes) of a verified document, saved under its original name',
  params: DocumentParams,
  response: z.object({ url: z.string(), expiresAt: z.string() }),
});
