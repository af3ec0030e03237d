import type { AnnualPlan } from '#shared/domain/annual-plan.schema.ts';
import { NotFoundError } from '#shared/domain/errors.ts';
import type { Actor } from '#shared/domain/roles.ts';
import type { Deps } from '../deps.ts';

/** The county's approved annual project plan for a year (ART06). */
export const getAnnualPlan = async (year: number, deps: Pick<Deps, 'annualPlans'>): Promise<AnnualPlan> => {
  const plan = await deps.annualPlans.get(year);
  if (!plan) throw new NotFoundError(`No annual plan for ${year}.`);
  return plan;
};

/** The Data Bureau records the plan it keeps (ART06); a later version replaces it. */
export const putAnnualPlan = async (
  input: { year: number; items: AnnualPlan['items']; actor: Actor },
  deps: Pick<Deps, 'annualPlans' | 'now'>,
): Promise<AnnualPlan> => {
  const plan = {
    year: input.year,
    items: input.items,
    updatedAt: deps.now().toISOString(),
    updatedBy: input.actor.sub,
  };
  await deps.annualPlans.put(plan);
  return plan;
};
