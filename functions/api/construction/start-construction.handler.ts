import { apiHandler } from '#shared/http/api-handler.ts';
import { calendar } from '#shared/store/calendar-repository.ts';
import { documents } from '#shared/store/document-repository.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { records } from '#shared/store/record-repository.ts';
import { workflows } from '#shared/store/workflows.ts';
import { startConstruction as start } from '#shared/use-cases/construction/start-construction.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { startConstruction } from './routes.ts';

const deps = apiDeps(startConstruction.adapters, { calendar, documents, obligations, projects, records, workflows });

export const handler = apiHandler(startConstruction, ({ actor, params, body }) =>
  start({ id: params.id, actor, baseline: body.baseline }, deps()),
);
