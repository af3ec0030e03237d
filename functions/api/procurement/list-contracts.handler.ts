import { apiHandler } from '#shared/http/api-handler.ts';
import { projects } from '#shared/store/project-repository.ts';
import { records } from '#shared/store/record-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { listRecords } from '#shared/use-cases/projects/phase-records.ts';
import { listContracts } from './routes.ts';

const deps = apiDeps(listContracts.adapters, { projects, records });

export const handler = apiHandler(listContracts, ({ actor, params, query }) =>
  listRecords('contract', { id: params.id, actor, ...query }, deps()),
);
