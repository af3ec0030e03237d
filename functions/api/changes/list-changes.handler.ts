import { apiHandler } from '#shared/http/api-handler.ts';
import { projects } from '#shared/store/project-repository.ts';
import { records } from '#shared/store/record-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { listRecords } from '#shared/use-cases/projects/phase-records.ts';
import { listChanges } from './routes.ts';

const deps = apiDeps(listChanges.adapters, { projects, records });

export const handler = apiHandler(listChanges, ({ actor, params, query }) =>
  listRecords('change', { id: params.id, actor, ...query }, deps()),
);
