import { amendedPlanViolations } from '#shared/domain/contract.ts';
import { ConflictError, RuleViolationError, refuseIfAny } from '#shared/domain/errors.ts';
import { SINGLE } from '#shared/domain/phase-records.ts';
import type { ProcurementPlan, ProcurementPlanInput } from '#shared/domain/procurement.ts';
import { recorded } from '#shared/domain/recorded.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { violation } from '#shared/domain/violation.ts';
import { retryOnConflict } from '#shared/retry.ts';
import type { Deps } from '../deps.ts';
import { loadForOwner, verifiedDocuments } from '../projects/owner-action.ts';

/**
 * After a change is re-approved (ART22), the owner files an amended procurement plan within the
 * new budget (ART16, ART17), so that a project approved larger can procure the rest; the
 * contracts already signed still count against it. Without a re-approval since the plan was
 * filed, the plan stands as filed (409): it is filed once per approval.
 */
export const amendProcurementPlan = (
  input: { id: string; actor: Actor; plan: ProcurementPlanInput },
  deps: Pick<Deps, 'projects' | 'records' | 'documents' | 'obligations' | 'now'>,
): Promise<ProcurementPlan> =>
  retryOnConflict(async () => {
    const { actor } = input;
    const project = await loadForOwner({ id: input.id, actor, action: 'procurement-plan-amendment' }, deps);
    const records = await deps.records.all(project.id);
    const [filed] = records['procurement-plan'];
    if (!filed) throw new RuleViolationError([violation('ART16-PROCUREMENT-PLAN', 'plan', 'File the plan first.')]);
    const reapproved = records.change.some(
      (c) => c.status === 'approved' && c.decidedAt !== null && c.decidedAt > filed.recordedAt,
    );
    if (!reapproved) {
      throw new ConflictError('The procurement plan is amended only after a change is re-approved (ART22).');
    }
    const verified = await verifiedDocuments(project.id, [input.plan.planDocumentId], deps);
    refuseIfAny(amendedPlanViolations(input.plan, project, records.contract, verified));
    const at = deps.now().toISOString();
    const plan: ProcurementPlan = { ...input.plan, id: SINGLE, projectId: project.id, ...recorded(actor, at) };
    await deps.projects.save({
      project,
      at,
      actor,
      action: 'procurement.plan-amended',
      details: {
        budgetFen: plan.budgetFen,
        previousBudgetFen: filed.budgetFen,
        method: plan.method,
        planDocumentId: plan.planDocumentId,
        previousPlanDocumentId: filed.planDocumentId,
      },
      with: [deps.records.put('procurement-plan', plan, 'any')],
    });
    return plan;
  });
