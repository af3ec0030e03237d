import { apiHandler } from '#shared/http/api-handler.ts';
import { deps } from '#shared/use-cases/deps.ts';
import { signOffProject as signOff } from '#shared/use-cases/projects/sign-off-project.ts';
import { signOffProject } from '../routes.ts';

export const handler = apiHandler(signOffProject, ({ actor, params, body }) =>
  signOff({ id: params.id, actor, internalReviewDocumentId: body.internalReviewDocumentId }, deps()),
);
