import { apiHandler } from '#shared/http/api-handler.ts';
import { documents } from '#shared/store/document-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { listDocuments as list } from '#shared/use-cases/documents/read-documents.ts';
import { listDocuments } from './routes.ts';

const deps = apiDeps(listDocuments.adapters, { documents, projects });

export const handler = apiHandler(listDocuments, ({ actor, params, query }) =>
  list({ projectId: params.id, actor, ...query }, deps()),
);
