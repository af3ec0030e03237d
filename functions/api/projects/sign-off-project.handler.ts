import { apiHandler } from '#shared/http/api-handler.ts';
import { documents } from '#shared/store/document-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { signOffProject as signOff } from '#shared/use-cases/projects/sign-off-project.ts';
import { signOffProject } from './routes.ts';

const deps = apiDeps(signOffProject.adapters, { documents, projects });

export const handler = apiHandler(signOffProject, ({ actor, params, body }) =>
  signOff({ id: params.id, actor, internalReviewDocumentId: body.internalReviewDocumentId }, deps()),
);
