import { apiHandler } from '#shared/http/api-handler.ts';
import { projects } from '#shared/store/project-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { listProjects as list } from '#shared/use-cases/projects/list-projects.ts';
import { listProjects } from './routes.ts';

const deps = apiDeps(listProjects.adapters, { projects });

export const handler = apiHandler(listProjects, ({ actor, query }) => list({ actor, ...query }, deps()));
