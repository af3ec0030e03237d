import { apiHandler } from '#shared/http/api-handler.ts';
import { documents } from '#shared/store/document-repository.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { workflows } from '#shared/store/workflows.ts';
import { fileAcceptance as file } from '#shared/use-cases/acceptance/file-acceptance.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { fileAcceptance } from './routes.ts';

const deps = apiDeps(fileAcceptance.adapters, { documents, obligations, projects, workflows });

export const handler = apiHandler(fileAcceptance, ({ actor, params, body }) =>
  file({ id: params.id, actor, acceptanceReportDocumentId: body.acceptanceReportDocumentId }, deps()),
);
