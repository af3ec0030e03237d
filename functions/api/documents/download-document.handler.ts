import { apiHandler } from '#shared/http/api-handler.ts';
import { objects } from '#shared/store/document-objects.ts';
import { documents } from '#shared/store/document-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { downloadDocument as download } from '#shared/use-cases/documents/read-documents.ts';
import { downloadDocument } from './routes.ts';

const deps = apiDeps(downloadDocument.adapters, { documents, objects });

export const handler = apiHandler(downloadDocument, ({ actor, params }) =>
  download({ projectId: params.id, documentId: params.docId, actor }, deps()),
);
