import { apiHandler } from '#shared/http/api-handler.ts';
import { annualPlans } from '#shared/store/annual-plan-repository.ts';
import { idempotency } from '#shared/store/idempotency-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { createProject as create } from '#shared/use-cases/projects/create-project.ts';
import { createProject } from './routes.ts';

const deps = apiDeps(createProject.adapters, { annualPlans, idempotency, projects });

export const handler = apiHandler(createProject, ({ actor, body, headers }) =>
  create({ actor, body, idempotencyKey: headers['idempotency-key'] }, deps()),
);
