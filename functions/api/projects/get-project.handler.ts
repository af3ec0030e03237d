import { apiHandler } from '#shared/http/api-handler.ts';
import { deps } from '#shared/use-cases/deps.ts';
import { loadVisible } from '#shared/use-cases/projects/project-access.ts';
import { getProject } from '../routes.ts';

export const handler = apiHandler(getProject, ({ actor, params }) => loadVisible(params.id, actor, deps()));
