import { apiHandler } from '#shared/http/api-handler.ts';
import { projects } from '#shared/store/project-repository.ts';
import { records } from '#shared/store/record-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { listRecords } from '#shared/use-cases/projects/phase-records.ts';
import { listProjectAccountability } from './routes.ts';

const deps = apiDeps(listProjectAccountability.adapters, { projects, records });

export const handler = apiHandler(listProjectAccountability, ({ actor, params, query }) =>
  listRecords('accountability-record', { id: params.id, actor, ...query }, deps()),
);
