import { ConflictError, refuseIfAny } from '#shared/domain/errors.ts';
import { stageAfter } from '#shared/domain/lifecycle.ts';
import { SINGLE } from '#shared/domain/phase-records.ts';
import {
  type ProcurementPlan,
  type ProcurementPlanInput,
  procurementPlanViolations,
} from '#shared/domain/procurement.ts';
import { recorded } from '#shared/domain/recorded.ts';
import type { Actor } from '#shared/domain/roles.ts';
import type { Deps } from '../deps.ts';
import { idempotentAction } from '../idempotent.ts';
import { loadForOwner, verifiedDocuments } from '../projects/owner-action.ts';

/**
 * ART16–18: the owner files its procurement plan (budget, method, required qualifications) with
 * the project, once: `approved` → `procurement`. Its budget stays within the approved budget, or
 * the approved estimate where there was no finance review; a non-classified project demands no
 * classified qualification.
 */
export const fileProcurementPlan = (
  input: { id: string; actor: Actor; plan: ProcurementPlanInput; idempotencyKey?: string | undefined },
  deps: Pick<Deps, 'projects' | 'records' | 'documents' | 'obligations' | 'idempotency' | 'now'>,
): Promise<ProcurementPlan> =>
  idempotentAction<ProcurementPlan>(
    {
      actor: input.actor,
      scope: 'procurement-plan',
      key: input.idempotencyKey,
      request: { id: input.id, ...input.plan },
    },
    deps,
    async (remember) => {
      const project = await loadForOwner({ id: input.id, actor: input.actor, action: 'procurement-plan' }, deps);
      if (await deps.records.get('procurement-plan', project.id, SINGLE)) {
        throw new ConflictError('The procurement plan is already filed; it is filed once.');
      }
      const verified = await verifiedDocuments(project.id, [input.plan.planDocumentId], deps);
      refuseIfAny(procurementPlanViolations(input.plan, project, verified));
      const at = deps.now().toISOString();
      const plan: ProcurementPlan = {
        ...input.plan,
        id: SINGLE,
        projectId: project.id,
        ...recorded(input.actor, at),
      };
      await deps.projects.save({
        project,
        at,
        actor: input.actor,
        action: 'procurement.plan-filed',
        set: { stage: stageAfter('procurement-plan', project) },
        details: { budgetFen: plan.budgetFen, method: plan.method, planDocumentId: plan.planDocumentId },
        with: [deps.records.put('procurement-plan', plan, 'new'), ...remember(plan)],
      });
      return plan;
    },
  );
