import { apiHandler } from '#shared/http/api-handler.ts';
import { projects } from '#shared/store/project-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { loadVisible } from '#shared/use-cases/projects/project-access.ts';
import { getProject } from './routes.ts';

const deps = apiDeps(getProject.adapters, { projects });

export const handler = apiHandler(getProject, ({ actor, params }) => loadVisible(params.id, actor, deps()));
