import { apiHandler } from '#shared/http/api-handler.ts';
import { deps } from '#shared/use-cases/deps.ts';
import { fileBudget as file } from '#shared/use-cases/projects/file-budget.ts';
import { fileBudget } from '../routes.ts';

export const handler = apiHandler(fileBudget, ({ actor, params, body }) =>
  file({ id: params.id, actor, budgetApprovalDocumentId: body.budgetApprovalDocumentId }, deps()),
);
