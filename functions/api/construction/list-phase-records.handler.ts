import { apiHandler } from '#shared/http/api-handler.ts';
import { projects } from '#shared/store/project-repository.ts';
import { records } from '#shared/store/record-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { allRecords } from '#shared/use-cases/projects/phase-records.ts';
import { listPhaseRecords } from './routes.ts';

const deps = apiDeps(listPhaseRecords.adapters, { projects, records });

export const handler = apiHandler(listPhaseRecords, ({ actor, params }) =>
  allRecords({ id: params.id, actor }, deps()),
);
