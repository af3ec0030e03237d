import { apiHandler } from '#shared/http/api-handler.ts';
import { calendar } from '#shared/store/calendar-repository.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { records } from '#shared/store/record-repository.ts';
import { completeConstruction as complete } from '#shared/use-cases/construction/complete-construction.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { completeConstruction } from './routes.ts';

const deps = apiDeps(completeConstruction.adapters, { calendar, obligations, projects, records });

export const handler = apiHandler(completeConstruction, ({ actor, params, body }) =>
  complete({ id: params.id, actor, completedOn: body.completedOn }, deps()),
);
