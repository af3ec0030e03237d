import * as z from 'zod';
import type { Policy } from './policy.ts';
import type { Project } from './project.schema.ts';

/** What the approval workflow is started with: which reviews apply is decided here, never in ASL. */
export const ApprovalInputSchema = z.object({
  projectId: z.string(),
  submission: z.number().int().positive(),
  reviews: z.object({
    /** ART13-PROJECT-APPROVAL: key projects and projects involving engineering construction. */
    projectApproval: z.boolean(),
    /** ART14-FINANCE-REVIEW: total investment ≥ the threshold, the threshold itself included. */
    financeReview: z.boolean(),
  }),
});
export type ApprovalInput = z.infer<typeof ApprovalInputSchema>;

export const needsProjectApproval = (project: Pick<Project, 'keyProject' | 'involvesConstruction'>) =>
  project.keyProject || project.involvesConstruction;

export const needsFinanceReview = (project: Pick<Project, 'totalInvestmentFen'>, policy: Policy) =>
  project.totalInvestmentFen >= policy.financeReviewThresholdFen;

export const approvalInput = (project: Project, policy: Policy): ApprovalInput => ({
  projectId: project.id,
  submission: project.submissions,
  reviews: { projectApproval: needsProjectApproval(project), financeReview: needsFinanceReview(project, policy) },
});
