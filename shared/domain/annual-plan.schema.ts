import * as z from 'zod';
import { DeptIdSchema } from './department.schema.ts';
import { identifier, singleLine } from './text.ts';

export const AnnualPlanItemSchema = z
  .object({ id: identifier(64), deptId: DeptIdSchema, name: singleLine(200) })
  .strict();

/**
 * PUT /v1/annual-plans/{year}: the items of the county's approved plan for the year (ART06). At
 * most 300 items, so the largest plan (every name at 200 three-byte characters) is one item of
 * the store (DynamoDB's 400 KB): a county declares dozens of data projects a year, not hundreds.
 */
export const AnnualPlanInputSchema = z.object({ items: z.array(AnnualPlanItemSchema).max(300) }).strict();

/** The county's approved annual project plan for a year, kept by the Data Bureau (ART06). */
export const AnnualPlanSchema = z.object({
  year: z.number().int(),
  items: z.array(AnnualPlanItemSchema),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type AnnualPlan = z.infer<typeof AnnualPlanSchema>;
