import { apiHandler } from '#shared/http/api-handler.ts';
import { annualPlans } from '#shared/store/annual-plan-repository.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { putAnnualPlan } from './routes.ts';

const deps = apiDeps({ annualPlans });

export const handler = apiHandler(putAnnualPlan, async ({ actor, params, body }) => {
  const plan = { year: params.year, items: body.items, updatedAt: deps().now().toISOString(), updatedBy: actor.sub };
  await deps().annualPlans.put(plan);
  return plan;
});
