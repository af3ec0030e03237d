import { apiHandler } from '#shared/http/api-handler.ts';
import { calendar } from '#shared/store/calendar-repository.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { startConstruction as start } from '#shared/use-cases/projects/start-construction.ts';
import { startConstruction } from './routes.ts';

const deps = apiDeps({ calendar, obligations, projects });

export const handler = apiHandler(startConstruction, ({ actor, params }) => start({ id: params.id, actor }, deps()));
