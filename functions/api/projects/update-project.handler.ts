import { apiHandler } from '#shared/http/api-handler.ts';
import { deps } from '#shared/use-cases/deps.ts';
import { updateProject as update } from '#shared/use-cases/projects/update-project.ts';
import { updateProject } from '../routes.ts';

export const handler = apiHandler(updateProject, ({ actor, params, body, headers }) =>
  update({ id: params.id, actor, patch: body, ifMatch: headers['if-match'] }, deps()),
);
