import * as z from 'zod';
import { DeptIdSchema } from '#shared/domain/department.schema.ts';
import { singleLine } from '#shared/domain/text.ts';
import { defineRoute } from '#shared/http/route.ts';
import { ANY_ROLE, decimalInteger } from '../route-parts.ts';

const AnnualPlanBody = z
  .object({
    items: z
      .array(z.object({ id: z.string().min(1).max(64), deptId: DeptIdSchema, name: singleLine(200) }).strict())
      .max(1000),
  })
  .strict();

export const getAnnualPlan = defineRoute({
  id: 'getAnnualPlan',
  method: 'GET',
  path: '/v1/annual-plans/{year}',
  handler: 'annual-plans/get-annual-plan',
  roles: ANY_ROLE,
  summary: "The county's approved annual project plan for a year (ART06)",
  params: z.object({ year: decimalInteger(2000, 2100) }),
  response: AnnualPlanBody.extend({ year: z.number().int(), updatedAt: z.string(), updatedBy: z.string() }),
});

export const putAnnualPlan = defineRoute({
  id: 'putAnnualPlan',
  method: 'PUT',
  path: '/v1/annual-plans/{year}',
  handler: 'annual-plans/put-annual-plan',
  roles: ['data-bureau', 'admin'],
  summary: "Record the county's approved annual project plan for a year (ART06; the Data Bureau keeps it)",
  params: z.object({ year: decimalInteger(2000, 2100) }),
  body: AnnualPlanBody,
  response: AnnualPlanBody.extend({ year: z.number().int(), updatedAt: z.string(), updatedBy: z.string() }),
});
