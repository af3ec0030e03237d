/**
 * The thresholds and periods of the measures, in one place (RULES.md: "policy settings with
 * these defaults, kept in one place, never literals scattered through handlers"). Functions
 * receive a Policy; nothing else spells these numbers.
 */
export interface Policy {
  /** ART14: finance review from this total investment, inclusive (达60万元以上). */
  readonly financeReviewThresholdFen: number;
  /** ART14: budget approval filed within this many working days. */
  readonly budgetFilingWorkingDays: number;
  /** ART22: changes adjusting at most this share of the estimate may be filed instead of re-approved. */
  readonly changeFilingMaxShare: number;
  /** ART27: acceptance within this many calendar months of completion. */
  readonly acceptanceMonths: number;
  /** ART29: completion report filed within this many working days. */
  readonly completionFilingWorkingDays: number;
  /** ART32: disposal report within this many calendar days. */
  readonly disposalReportDays: number;
  /** ART35: the measures apply from this date for `validityYears`. */
  readonly measuresInForce: string;
  readonly validityYears: number;
  /** Review tasks fall due after this many working days (a policy choice; the measures give none). */
  readonly reviewDueWorkingDays: number;
  /** A review step waits this long before escalating rather than hanging (seconds). */
  readonly reviewTimeoutSeconds: number;
  /** ART15: an emergency project completes each skipped procedure within this many working days of starting. */
  readonly emergencyProceduresWorkingDays: number;
  /**
   * A review re-opened this many times fails on the record instead: with the default timeout,
   * eleven escalations stay inside a standard execution's one-year limit.
   */
  readonly maxEscalations: number;
  /** Largest document accepted for upload. */
  readonly maxDocumentBytes: number;
}

export const DEFAULT_POLICY: Policy = {
  financeReviewThresholdFen: 60_000_000,
  budgetFilingWorkingDays: 3,
  changeFilingMaxShare: 0.1,
  acceptanceMonths: 6,
  completionFilingWorkingDays: 30,
  disposalReportDays: 30,
  measuresInForce: '2024-09-20',
  validityYears: 5,
  reviewDueWorkingDays: 10,
  reviewTimeoutSeconds: 30 * 24 * 3600,
  emergencyProceduresWorkingDays: 30,
  maxEscalations: 11,
  maxDocumentBytes: 100 * 1024 * 1024,
};
