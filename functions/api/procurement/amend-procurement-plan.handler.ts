import { apiHandler } from '#shared/http/api-handler.ts';
import { documents } from '#shared/store/document-repository.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { records } from '#shared/store/record-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { amendProcurementPlan as amend } from '#shared/use-cases/procurement/amend-procurement-plan.ts';
import { amendProcurementPlan } from './routes.ts';

const deps = apiDeps(amendProcurementPlan.adapters, { documents, obligations, projects, records });

export const handler = apiHandler(amendProcurementPlan, ({ actor, params, body }) =>
  amend({ id: params.id, actor, plan: body }, deps()),
);
