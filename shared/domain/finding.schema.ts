import * as z from 'zod';
import { type Fund, FundSchema } from './obligation.ts';
import { RULE_CODES, RULES } from './rules/catalog.ts';

export const FindingSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  ownerDeptId: z.string(),
  code: z.enum(RULE_CODES),
  article: z.number().int(),
  /** The duty within its rule (matches the obligation's key), or what the finding is about. */
  key: z.string(),
  description: z.string(),
  dueDate: z.string(),
  status: z.enum(['open', 'resolved']),
  openedAt: z.string(),
  resolvedAt: z.string().nullable(),
  /** Funds held while this finding is open (ART29, ART07-OM-FUNDING). */
  holds: z.array(FundSchema),
});
export type Finding = z.infer<typeof FindingSchema>;

/** What a finding is opened about: a late duty, a broken money rule, a department's drill. */
export type FindingSubject = Pick<Finding, 'projectId' | 'ownerDeptId' | 'code' | 'key' | 'description' | 'dueDate'> & {
  readonly holds: readonly Fund[];
};

/** An open finding under its rule's article: one per project, rule and key, which make its id. */
export const newFinding = (subject: FindingSubject, at: string): Finding => ({
  id: `${subject.projectId}.${subject.code}.${subject.key}`,
  projectId: subject.projectId,
  ownerDeptId: subject.ownerDeptId,
  code: subject.code,
  article: RULES[subject.code].article,
  key: subject.key,
  description: subject.description,
  dueDate: subject.dueDate,
  status: 'open',
  openedAt: at,
  resolvedAt: null,
  holds: [...subject.holds],
});

/** Funds withheld from a project under an article, until what it asks is done. */
export const FundingHoldSchema = z.object({
  projectId: z.string(),
  code: z.enum(RULE_CODES),
  key: z.string(),
  funds: z.array(FundSchema),
  since: z.string(),
});
export type FundingHold = z.infer<typeof FundingHoldSchema>;

/** API.md: whether construction and operations funds may be released, and the holds that say why not. */
export const FundingSchema = z.object({
  /** `closed`: the stage gives none (before approval unless an emergency is building, rejected, decommissioned). */
  construction: z.enum(['allowed', 'held', 'closed']),
  operations: z.enum(['allowed', 'held', 'closed']),
  holds: z.array(
    z.object({ code: z.string(), article: z.number().int().optional(), since: z.string(), funds: z.array(FundSchema) }),
  ),
});

/** What one run of the compliance sweep did. */
export const SweepSummarySchema = z.object({
  asOf: z.string(),
  examined: z.number().int(),
  opened: z.number().int(),
  resolved: z.number().int(),
  holdsPlaced: z.number().int(),
  holdsLifted: z.number().int(),
  /** DynamoDB items read: the sweep's cost, which follows what is due, not how many projects exist. */
  itemsRead: z.number().int(),
});
export type SweepSummary = z.infer<typeof SweepSummarySchema>;
