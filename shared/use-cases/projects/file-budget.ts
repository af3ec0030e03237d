import { assertOwner } from '#shared/domain/access.ts';
import { ConflictError, RuleViolationError } from '#shared/domain/errors.ts';
import type { Project } from '#shared/domain/project.schema.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { violation } from '#shared/domain/violation.ts';
import { retryOnConflict } from '#shared/retry.ts';
import type { Deps } from '../deps.ts';
import { fulfil } from '../obligations/settle-obligations.ts';
import { verifiedDocument } from './owner-action.ts';
import { loadVisible } from './project-access.ts';

/** ART14: the owner files the Finance Bureau's budget approval with the Data Bureau. */
const fileBudgetOnce = async (
  input: { id: string; actor: Actor; budgetApprovalDocumentId: string },
  deps: Pick<Deps, 'projects' | 'documents' | 'obligations' | 'now'>,
): Promise<Project> => {
  const project = await loadVisible(input.id, input.actor, deps);
  assertOwner(input.actor, project);
  const document = await verifiedDocument(project.id, input.budgetApprovalDocumentId, 'budget-approval', deps);
  if (!document) {
    throw new RuleViolationError([
      violation(
        'ART14-BUDGET-FILING',
        'budgetApprovalDocumentId',
        'It must name a verified budget-approval document of this project.',
      ),
    ]);
  }
  const at = deps.now().toISOString();
  const { items, settled } = await fulfil(project, 'ART14-BUDGET-FILING', 'all', input.actor, at, deps);
  if (settled.length === 0) throw new ConflictError('No budget filing is due for this project.');
  return deps.projects.save({
    project,
    actor: input.actor,
    action: 'budget.filed',
    at,
    details: { budgetApprovalDocumentId: document.id, documentSha256: document.sha256, dueDate: settled[0]?.dueDate },
    with: items,
  });
};

/** A change landing meanwhile (a sweep's finding, a co-builder's confirmation) is read again, not answered 409. */
export const fileBudget = (input: Parameters<typeof fileBudgetOnce>[0], deps: Parameters<typeof fileBudgetOnce>[1]) =>
  retryOnConflict(() => fileBudgetOnce(input, deps));
