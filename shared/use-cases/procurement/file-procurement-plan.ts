import { ConflictError } from '#shared/domain/errors.ts';
import { stageAfter } from '#shared/domain/lifecycle.ts';
import { PHASES } from '#shared/domain/phases.ts';
import {
  type ProcurementPlan,
  type ProcurementPlanInput,
  procurementPlanViolations,
} from '#shared/domain/procurement.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { type PhaseDeps, type PhaseStep, recordPhase } from '../projects/record-phase.ts';

/**
 * ART16–18: the owner files its procurement plan (budget, method, required qualifications) with
 * the project, once: `approved` → `procurement`. Its budget stays within the approved budget, or
 * the approved estimate where there was no finance review; a non-classified project demands no
 * classified qualification.
 */
export const PROCUREMENT_PLAN: PhaseStep<'procurement-plan', ProcurementPlanInput, PhaseDeps> = {
  phase: PHASES['procurement-plan'],
  scope: 'procurement-plan',
  refuse: ({ records }) => {
    if (records['procurement-plan'].length > 0) {
      throw new ConflictError('The procurement plan is already filed; it is filed once.');
    }
  },
  violations: ({ body, project, verified }) => procurementPlanViolations(body, project, verified),
  build: ({ body }, base) => ({ ...body, ...base }),
  effects: ({ project }, plan) => ({
    action: 'procurement.plan-filed',
    set: { stage: stageAfter('procurement-plan', project) },
    details: { budgetFen: plan.budgetFen, method: plan.method, planDocumentId: plan.planDocumentId },
  }),
};

export const fileProcurementPlan = (
  input: { id: string; actor: Actor; plan: ProcurementPlanInput; idempotencyKey?: string | undefined },
  deps: PhaseDeps,
): Promise<ProcurementPlan> => recordPhase(PROCUREMENT_PLAN, { ...input, body: input.plan }, deps);
