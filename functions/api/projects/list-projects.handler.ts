import { apiHandler } from '#shared/http/api-handler.ts';
import { deps } from '#shared/use-cases/deps.ts';
import { listProjects as list } from '#shared/use-cases/projects/list-projects.ts';
import { listProjects } from '../routes.ts';

export const handler = apiHandler(listProjects, ({ actor, query }) => list({ actor, ...query }, deps()));
