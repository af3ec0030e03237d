import { apiHandler } from '#shared/http/api-handler.ts';
import { deps } from '#shared/use-cases/deps.ts';
import { confirmProject as confirm } from '#shared/use-cases/projects/confirm-project.ts';
import { confirmProject } from '../routes.ts';

export const handler = apiHandler(confirmProject, ({ actor, params, headers }) =>
  confirm({ id: params.id, actor, idempotencyKey: headers['idempotency-key'] }, deps()),
);
