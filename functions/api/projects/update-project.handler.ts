import { apiHandler } from '#shared/http/api-handler.ts';
import { annualPlans } from '#shared/store/annual-plan-repository.ts';
import { calendar } from '#shared/store/calendar-repository.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { updateProject as update } from '#shared/use-cases/projects/update-project.ts';
import { updateProject } from './routes.ts';

const deps = apiDeps(updateProject.adapters, { annualPlans, calendar, obligations, projects });

export const handler = apiHandler(updateProject, ({ actor, params, body, headers }) =>
  update({ id: params.id, actor, patch: body, ifMatch: headers['if-match'] }, deps()),
);
