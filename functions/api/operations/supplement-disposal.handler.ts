import { apiHandler } from '#shared/http/api-handler.ts';
import { documents } from '#shared/store/document-repository.ts';
import { idempotency } from '#shared/store/idempotency-repository.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { records } from '#shared/store/record-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { supplementDisposal as supplement } from '#shared/use-cases/operations/report-disposal.ts';
import { supplementDisposal } from './routes.ts';

const deps = apiDeps(supplementDisposal.adapters, { documents, idempotency, obligations, projects, records });

export const handler = apiHandler(supplementDisposal, ({ actor, params, body, headers }) =>
  supplement({ id: params.id, actor, supplement: body, idempotencyKey: headers['idempotency-key'] }, deps()),
);
