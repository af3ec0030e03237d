import * as z from 'zod';
import { addCalendarDays, addMonths, addWorkingDays, type Calendars } from './calendar.ts';
import type { RuleCode } from './rules/catalog.ts';

/** How a due date was counted, so that it can be counted again when a calendar year arrives. */
export const DueBasisSchema = z.object({
  from: z.string(),
  amount: z.number().int().min(0),
  unit: z.enum(['working-days', 'days', 'months']),
});
export type DueBasis = z.infer<typeof DueBasisSchema>;

export const ObligationSchema = z.object({
  projectId: z.string(),
  ownerDeptId: z.string(),
  code: z.string(),
  /** Distinguishes several duties under one rule (ART15: one per skipped procedure). */
  key: z.string(),
  description: z.string(),
  dueDate: z.string(),
  dueBasis: DueBasisSchema,
  provisional: z.boolean(),
  status: z.enum(['open', 'fulfilled', 'waived']),
  createdAt: z.string(),
  settledAt: z.string().nullable(),
  settledBy: z.string().nullable(),
  waiverReason: z.string().nullable(),
  /** When the sweep opened this duty's finding; a found duty is not written again. */
  foundAt: z.string().nullable().default(null),
});
export type Obligation = z.infer<typeof ObligationSchema>;

/** Counts a due date by its basis (RULES.md: the day the clock starts is day 0). */
export const countDue = (basis: DueBasis, calendars: Calendars): { dueDate: string; provisional: boolean } => {
  switch (basis.unit) {
    case 'working-days': {
      const { due, provisional } = addWorkingDays(basis.from, basis.amount, calendars);
      return { dueDate: due, provisional };
    }
    case 'days':
      return { dueDate: addCalendarDays(basis.from, basis.amount), provisional: false };
    case 'months':
      return { dueDate: addMonths(basis.from, basis.amount), provisional: false };
  }
};

/** Late means the due date has passed: a sweep as of the due date itself finds nothing. */
export const isLate = (obligation: Pick<Obligation, 'dueDate' | 'status'>, asOf: string) =>
  obligation.status === 'open' && obligation.dueDate < asOf;

export const daysLate = (dueDate: string, asOf: string) =>
  Math.max(0, Math.round((Date.parse(`${asOf}T00:00:00Z`) - Date.parse(`${dueDate}T00:00:00Z`)) / 86_400_000));

export type Fund = 'construction' | 'operations';

/**
 * Rules whose article cuts funds while late (ART29: no further construction or O&M funds;
 * ART07: no O&M funds). Every other late duty is a finding without a hold.
 */
export const FUNDING_CUTS: Partial<Record<RuleCode, readonly Fund[]>> = {
  'ART29-FILING': ['construction', 'operations'],
  'ART07-OM-FUNDING': ['operations'],
};
