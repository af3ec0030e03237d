import { apiHandler } from '#shared/http/api-handler.ts';
import { departments } from '#shared/store/department-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { records } from '#shared/store/record-repository.ts';
import { confirmSecurity as confirm } from '#shared/use-cases/construction/security-records.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { confirmSecurity } from './routes.ts';

const deps = apiDeps(confirmSecurity.adapters, { departments, projects, records });

export const handler = apiHandler(confirmSecurity, ({ actor, params }) =>
  confirm({ id: params.id, recordId: params.recordId, actor }, deps()),
);
