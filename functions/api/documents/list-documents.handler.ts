import { apiHandler } from '#shared/http/api-handler.ts';
import { deps } from '#shared/use-cases/deps.ts';
import { listDocuments as list } from '#shared/use-cases/documents/read-documents.ts';
import { listDocuments } from '../routes.ts';

export const handler = apiHandler(listDocuments, ({ actor, params, query }) =>
  list({ projectId: params.id, actor, ...query }, deps()),
);
