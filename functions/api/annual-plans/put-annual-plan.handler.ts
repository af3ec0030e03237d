import { apiHandler } from '#shared/http/api-handler.ts';
import { annualPlans } from '#shared/store/annual-plan-repository.ts';
import { putAnnualPlan as put } from '#shared/use-cases/annual-plans/annual-plans.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { putAnnualPlan } from './routes.ts';

const deps = apiDeps(putAnnualPlan.adapters, { annualPlans });

export const handler = apiHandler(putAnnualPlan, ({ actor, params, body }) =>
  put({ year: params.year, items: body.items, actor }, deps()),
);
