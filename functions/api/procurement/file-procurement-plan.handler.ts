import { apiHandler } from '#shared/http/api-handler.ts';
import { documents } from '#shared/store/document-repository.ts';
import { idempotency } from '#shared/store/idempotency-repository.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { records } from '#shared/store/record-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { fileProcurementPlan as file } from '#shared/use-cases/procurement/file-procurement-plan.ts';
import { fileProcurementPlan } from './routes.ts';

const deps = apiDeps(fileProcurementPlan.adapters, { documents, idempotency, obligations, projects, records });

export const handler = apiHandler(fileProcurementPlan, ({ actor, params, body, headers }) =>
  file({ id: params.id, actor, plan: body, idempotencyKey: headers['idempotency-key'] }, deps()),
);
