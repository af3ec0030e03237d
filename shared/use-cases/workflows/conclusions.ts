import type { WorkflowKind } from '#shared/domain/review-catalogue.ts';
import { concludeAcceptance } from './conclude-acceptance.ts';
import { concludeApproval } from './conclude-approval.ts';
import { concludeBudget } from './conclude-budget.ts';
import { concludeEmergency } from './conclude-emergency.ts';
import { concludeFiling } from './conclude-filing.ts';
import type { Conclusion } from './conclusion.ts';

/**
 * Each workflow of the review catalogue (WORKFLOWS) with what its round's end does to the project:
 * the use-case half of the catalogue row, kept here because the domain imports no use case. The
 * conclusions import only the `Conclusion` type, and `concludeRound` only this table, so no
 * conclusion imports the round that dispatches to it.
 */
export const CONCLUSIONS: Readonly<Record<WorkflowKind, Conclusion>> = {
  approval: concludeApproval,
  acceptance: concludeAcceptance,
  emergency: concludeEmergency,
  filing: concludeFiling,
  budget: concludeBudget,
};
