import { apiHandler } from '#shared/http/api-handler.ts';
import { documents } from '#shared/store/document-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { getDocument as get } from '#shared/use-cases/documents/read-documents.ts';
import { getDocument } from './routes.ts';

const deps = apiDeps(getDocument.adapters, { documents });

export const handler = apiHandler(getDocument, ({ actor, params }) =>
  get({ projectId: params.id, documentId: params.docId, actor }, deps()),
);
