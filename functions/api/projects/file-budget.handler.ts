import { apiHandler } from '#shared/http/api-handler.ts';
import { documents } from '#shared/store/document-repository.ts';
import { obligations } from '#shared/store/obligation-repository.ts';
import { projects } from '#shared/store/project-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { fileBudget as file } from '#shared/use-cases/projects/file-budget.ts';
import { fileBudget } from './routes.ts';

const deps = apiDeps(fileBudget.adapters, { documents, obligations, projects });

export const handler = apiHandler(fileBudget, ({ actor, params, body }) =>
  file({ id: params.id, actor, budgetApprovalDocumentId: body.budgetApprovalDocumentId }, deps()),
);
