import * as z from 'zod';

export const FindingSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  ownerDeptId: z.string(),
  code: z.string(),
  article: z.number().int(),
  /** The duty within its rule (matches the obligation's key). */
  key: z.string(),
  description: z.string(),
  dueDate: z.string(),
  status: z.enum(['open', 'resolved']),
  openedAt: z.string(),
  resolvedAt: z.string().nullable(),
  /** Funds held while this finding is open (ART29, ART07-OM-FUNDING). */
  holds: z.array(z.enum(['construction', 'operations'])),
});
export type Finding = z.infer<typeof FindingSchema>;

export const FundingHoldSchema = z.object({
  projectId: z.string(),
  code: z.string(),
  key: z.string(),
  funds: z.array(z.enum(['construction', 'operations'])),
  since: z.string(),
});
export type FundingHold = z.infer<typeof FundingHoldSchema>;
