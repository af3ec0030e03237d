import { apiHandler } from '#shared/http/api-handler.ts';
import { calendar } from '#shared/store/calendar-repository.ts';
import { documents } from '#shared/store/document-repository.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { decommission as retire } from '#shared/use-cases/operations/decommission.ts';
import { decommission } from './routes.ts';

const deps = apiDeps(decommission.adapters, { calendar, documents, obligations, projects });

export const handler = apiHandler(decommission, ({ actor, params, body }) =>
  retire({ id: params.id, actor, decommission: body }, deps()),
);
