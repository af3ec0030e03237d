import { apiHandler } from '#shared/http/api-handler.ts';
import { annualPlans } from '#shared/store/annual-plan-repository.ts';
import { approval } from '#shared/store/approval-workflow.ts';
import { departments } from '#shared/store/department-repository.ts';
import { documents } from '#shared/store/document-repository.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { tasks } from '#shared/store/task-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { submitProject as submit } from '#shared/use-cases/projects/submit-project.ts';
import { submitProject } from './routes.ts';

const deps = apiDeps({ annualPlans, approval, departments, documents, obligations, projects, tasks });

export const handler = apiHandler(submitProject, ({ actor, params }) => submit({ id: params.id, actor }, deps()));
