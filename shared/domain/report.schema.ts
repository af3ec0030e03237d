import * as z from 'zod';
import { FenSchema } from './project.schema.ts';

/**
 * What a county report reads of one project: the summary the year index carries
 * (shared/store/table-layout.ts `byYear`), never the whole item. `stage` is a plain string so
 * that a report keeps counting when the lifecycle gains a stage.
 */
export const ProjectSummarySchema = z.object({
  id: z.string(),
  year: z.number().int(),
  code: z.string(),
  name: z.string(),
  ownerDeptId: z.string(),
  stage: z.string(),
  category: z.string(),
  totalInvestmentFen: FenSchema,
  approvedBudgetFen: FenSchema.nullable(),
});
export type ProjectSummary = z.infer<typeof ProjectSummarySchema>;

const count = z.number().int().min(0);

/** GET /v1/reports/portfolio: the county's projects of one year, at a glance. */
export const PortfolioSchema = z
  .object({
    year: z.number().int(),
    asOf: z.string().describe('The day (Asia/Shanghai) lateness is judged on'),
    projects: count,
    declaredFen: FenSchema.describe('Declared total investment of every project of the year'),
    byStage: z.array(z.object({ stage: z.string(), projects: count })),
    byDepartment: z.array(
      z.object({ deptId: z.string(), projects: count, declaredFen: FenSchema, approvedFen: FenSchema }),
    ),
    approvedInvestment: z
      .array(z.object({ year: z.number().int(), category: z.string(), projects: count, approvedFen: FenSchema }))
      .describe(
        'Projects past approval, by year and category: the approved budget where the finance review set one, else the declared total',
      ),
    openFindings: z.array(z.object({ code: z.string(), article: z.number().int().nullable(), findings: count })),
    fundingHolds: z.object({
      projects: count,
      construction: count.describe('Projects whose construction funds are held'),
      operations: count.describe('Projects whose O&M funds are held'),
      items: z.array(
        z.object({
          projectId: z.string(),
          projectCode: z.string(),
          code: z.string(),
          funds: z.array(z.string()),
          since: z.string(),
        }),
      ),
    }),
    overdueReviews: z.object({
      count,
      items: z.array(
        z.object({
          taskId: z.string(),
          kind: z.string(),
          role: z.string(),
          projectId: z.string(),
          projectCode: z.string(),
          dueDate: z.string(),
          daysOverdue: count,
        }),
      ),
    }),
  })
  .meta({ id: 'Portfolio' });
export type Portfolio = z.infer<typeof PortfolioSchema>;

/** One row of the exported project register (CSV, XLSX). */
export interface RegisterRow {
  readonly code: string;
  readonly name: string;
  readonly department: string;
  readonly stage: string;
  readonly declaredFen: number;
  readonly approvedBudgetFen: number | null;
  readonly openFindings: number;
}
