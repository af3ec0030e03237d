import { apiHandler } from '#shared/http/api-handler.ts';
import { deps } from '#shared/use-cases/deps.ts';
import { createProject as create } from '#shared/use-cases/projects/create-project.ts';
import { createProject } from '../routes.ts';

export const handler = apiHandler(createProject, ({ actor, body, headers }) =>
  create({ actor, body, idempotencyKey: headers['idempotency-key'] }, deps()),
);
