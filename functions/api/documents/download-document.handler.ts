import { apiHandler } from '#shared/http/api-handler.ts';
import { deps } from '#shared/use-cases/deps.ts';
import { downloadDocument as download } from '#shared/use-cases/documents/read-documents.ts';
import { downloadDocument } from '../routes.ts';

export const handler = apiHandler(downloadDocument, ({ actor, params }) =>
  download({ projectId: params.id, documentId: params.docId, actor }, deps()),
);
