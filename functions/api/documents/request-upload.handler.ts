import { apiHandler } from '#shared/http/api-handler.ts';
import { deps } from '#shared/use-cases/deps.ts';
import { requestUpload } from '#shared/use-cases/documents/request-upload.ts';
import { requestDocumentUpload } from '../routes.ts';

export const handler = apiHandler(requestDocumentUpload, ({ actor, params, body, headers }) =>
  requestUpload({ projectId: params.id, actor, request: body, idempotencyKey: headers['idempotency-key'] }, deps()),
);
