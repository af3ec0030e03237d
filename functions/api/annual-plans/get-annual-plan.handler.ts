import { NotFoundError } from '#shared/domain/errors.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { annualPlans } from '#shared/store/annual-plan-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { getAnnualPlan } from './routes.ts';

const deps = apiDeps({ annualPlans });

export const handler = apiHandler(getAnnualPlan, async ({ params }) => {
  const plan = await deps().annualPlans.get(params.year);
  if (!plan) throw new NotFoundError(`No annual plan for ${params.year}.`);
  return plan;
});
