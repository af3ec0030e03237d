import { apiHandler } from '#shared/http/api-handler.ts';
import { idempotency } from '#shared/store/idempotency-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { confirmProject as confirm } from '#shared/use-cases/projects/confirm-project.ts';
import { confirmProject } from './routes.ts';

const deps = apiDeps(confirmProject.adapters, { idempotency, projects });

export const handler = apiHandler(confirmProject, ({ actor, params, headers }) =>
  confirm({ id: params.id, actor, idempotencyKey: headers['idempotency-key'] }, deps()),
);
