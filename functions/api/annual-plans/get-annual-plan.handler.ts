import { apiHandler } from '#shared/http/api-handler.ts';
import { annualPlans } from '#shared/store/annual-plan-repository.ts';
import { getAnnualPlan as get } from '#shared/use-cases/annual-plans/annual-plans.ts';
import { apiDeps } from '#shared/use-cases/deps.ts';
import { getAnnualPlan } from './routes.ts';

const deps = apiDeps(getAnnualPlan.adapters, { annualPlans });

export const handler = apiHandler(getAnnualPlan, ({ params }) => get(params.year, deps()));
