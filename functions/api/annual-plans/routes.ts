import * as z from 'zod';
import { AnnualPlanInputSchema, AnnualPlanSchema } from '#shared/domain/annual-plan.schema.ts';
import { defineRoute } from '#shared/http/route.ts';
import { ANY_ROLE, decimalInteger } from '../route-parts.ts';

const YearParams = z.object({ year: decimalInteger(2000, 2100) });

export const getAnnualPlan = defineRoute({
  id: 'getAnnualPlan',
  method: 'GET',
  path: '/v1/annual-plans/{year}',
  handler: 'annual-plans/get-annual-plan',
  adapters: { annualPlans: 'read' },
  roles: ANY_ROLE,
  summary: "The county's approved annual project plan for a year (ART06)",
  params: YearParams,
  response: AnnualPlanSchema,
});

export const putAnnualPlan = defineRoute({
  id: 'putAnnualPlan',
  method: 'PUT',
  path: '/v1/annual-plans/{year}',
  handler: 'annual-plans/put-annual-plan',
  adapters: { annualPlans: 'write' },
  roles: ['data-bureau', 'admin'],
  summary: "Record the county's approved annual project plan for a year (ART06; the Data Bureau keeps it)",
  params: YearParams,
  body: AnnualPlanInputSchema,
  response: AnnualPlanSchema,
});
