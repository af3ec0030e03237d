import { apiHandler } from '#shared/http/api-handler.ts';
import { deps } from '#shared/use-cases/deps.ts';
import { getDocument as get } from '#shared/use-cases/documents/read-documents.ts';
import { getDocument } from '../routes.ts';

export const handler = apiHandler(getDocument, ({ actor, params }) =>
  get({ projectId: params.id, documentId: params.docId, actor }, deps()),
);
