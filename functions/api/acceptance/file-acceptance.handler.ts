import { apiHandler } from '#shared/http/api-handler.ts';
import { documents } from '#shared/store/document-repository.ts';
import { findings } from '#shared/store/finding-repository.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { fileAcceptance as file } from '#shared/use-cases/acceptance/file-acceptance.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { fileAcceptance } from './routes.ts';

const deps = apiDeps(fileAcceptance.adapters, { documents, findings, obligations, projects });

export const handler = apiHandler(fileAcceptance, ({ actor, params, body }) =>
  file({ id: params.id, actor, acceptanceReportDocumentId: body.acceptanceReportDocumentId }, deps()),
);
