import { apiHandler } from '#shared/http/api-handler.ts';
import { objects } from '#shared/store/document-objects.ts';
import { documents } from '#shared/store/document-repository.ts';
import { idempotency } from '#shared/store/idempotency-repository.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { tasks } from '#shared/store/task-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { requestUpload } from '#shared/use-cases/documents/request-upload.ts';
import { requestDocumentUpload } from './routes.ts';

const deps = apiDeps(requestDocumentUpload.adapters, { documents, idempotency, objects, obligations, projects, tasks });

export const handler = apiHandler(requestDocumentUpload, ({ actor, params, body, headers }) =>
  requestUpload({ projectId: params.id, actor, request: body, idempotencyKey: headers['idempotency-key'] }, deps()),
);
