import { apiHandler } from '#shared/http/api-handler.ts';
import { projects } from '#shared/store/project-repository.ts';
import { records } from '#shared/store/record-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { getRecord } from '#shared/use-cases/projects/phase-records.ts';
import { getChange } from './routes.ts';

const deps = apiDeps(getChange.adapters, { projects, records });

export const handler = apiHandler(getChange, ({ actor, params }) =>
  getRecord('change', { id: params.id, recordId: params.changeId, actor }, deps()),
);
