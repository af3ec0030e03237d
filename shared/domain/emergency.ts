import { needsFinanceReview, needsProjectApproval } from './approval.ts';
import type { Policy } from './policy.ts';
import type { Project } from './project.schema.ts';

/** The procedures an emergency project may complete while it builds (ART15), as obligation keys. */
export type Procedure = 'declaration' | 'tech-review' | 'project-approval' | 'finance-review';

/** What an emergency project has not yet done when it starts building: each stays an open duty. */
export const skippedProcedures = (project: Project, policy: Policy): Procedure[] => {
  if (project.stage === 'approved') return [];
  if (project.stage === 'approval-review') {
    return project.openReviews.filter((kind): kind is 'project-approval' | 'finance-review' => kind !== 'tech-review');
  }
  return [
    ...(project.stage === 'tech-review' ? [] : (['declaration'] as const)),
    'tech-review',
    ...(needsProjectApproval(project) ? (['project-approval'] as const) : []),
    ...(needsFinanceReview(project, policy) ? (['finance-review'] as const) : []),
  ];
};
