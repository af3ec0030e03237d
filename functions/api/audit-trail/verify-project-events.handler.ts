import { apiHandler } from '#shared/http/api-handler.ts';
import { projects } from '#shared/store/project-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { verifyProjectEvents as verify } from '#shared/use-cases/projects/project-events.ts';
import { verifyProjectEvents } from './routes.ts';

const deps = apiDeps(verifyProjectEvents.adapters, { projects });

export const handler = apiHandler(verifyProjectEvents, ({ actor, params }) => verify({ id: params.id, actor }, deps()));
