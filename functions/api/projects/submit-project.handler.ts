import { apiHandler } from '#shared/http/api-handler.ts';
import { annualPlans } from '#shared/store/annual-plan-repository.ts';
import { departments } from '#shared/store/department-repository.ts';
import { documents } from '#shared/store/document-repository.ts';
import { idempotency } from '#shared/store/idempotency-repository.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { workflows } from '#shared/store/workflows.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { submitProject as submit } from '#shared/use-cases/projects/submit-project.ts';
import { submitProject } from './routes.ts';

const deps = apiDeps(submitProject.adapters, {
  annualPlans,
  departments,
  documents,
  idempotency,
  obligations,
  projects,
  workflows,
});

export const handler = apiHandler(submitProject, ({ actor, params, headers }) =>
  submit({ id: params.id, actor, idempotencyKey: headers['idempotency-key'] }, deps()),
);
