import { apiHandler } from '#shared/http/api-handler.ts';
import { annualPlans } from '#shared/store/annual-plan-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { updateProject as update } from '#shared/use-cases/projects/update-project.ts';
import { updateProject } from './routes.ts';

const deps = apiDeps({ annualPlans, projects });

export const handler = apiHandler(updateProject, ({ actor, params, body, headers }) =>
  update({ id: params.id, actor, patch: body, ifMatch: headers['if-match'] }, deps()),
);
