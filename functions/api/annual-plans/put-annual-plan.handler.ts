import { apiHandler } from '#shared/http/api-handler.ts';
import { deps } from '#shared/use-cases/deps.ts';
import { putAnnualPlan } from '../routes.ts';

export const handler = apiHandler(putAnnualPlan, async ({ actor, params, body }) => {
  const plan = { year: params.year, items: body.items, updatedAt: deps().now().toISOString(), updatedBy: actor.sub };
  await deps().annualPlans.put(plan);
  return plan;
});
