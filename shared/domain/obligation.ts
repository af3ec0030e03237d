import * as z from 'zod';
import { OM_DUTY_PREFIX } from './acceptance.ts';
import { addCalendarDays, addMonths, addWorkingDays, type Calendars } from './calendar.ts';
import type { Policy } from './policy.ts';
import type { Project } from './project.schema.ts';
import { RULE_CODES, type RuleCode } from './rules/catalog.ts';
import { DutyWaiverSchema } from './waiver.ts';

export const FUNDS = ['construction', 'operations'] as const;
export const FundSchema = z.enum(FUNDS);
export type Fund = z.infer<typeof FundSchema>;

type ClockUnit = 'working-days' | 'days' | 'months';

interface ObligationKind {
  readonly unit: ClockUnit;
  /** The period the measures (or, where marked, a policy choice) give, from the policy settings. */
  readonly period: (policy: Policy) => number;
  readonly zh: string;
  readonly en: string;
  /** Funds withheld while the duty is unmet (ART29: construction and O&M; ART07: O&M). */
  readonly cuts: readonly Fund[];
  /** Whether the hold starts with the duty itself (ART29: 未备案的不得拨付) or only once it is late. */
  readonly holdsFromStart: boolean;
  /**
   * Yearly duties, named by their key's prefix (`false`: none): fulfilling or finding one year's
   * writes the next year's, so no project drops out (ART07's reports; not its one migration duty).
   */
  readonly yearly: false | { readonly keyPrefix: string };
  /** Duties of this rule with a period of their own, by key (ART15: the collective decision is due sooner than the procedures). */
  readonly periodByKey?: Readonly<Record<string, (policy: Policy) => number>>;
  /**
   * Which of its duties two Data Bureau officers may waive (`false`: none). No article provides
   * for waivers (ART33): only a baseline milestone entered in error (ART20) is waivable, named by
   * its key's prefix; a procedure, a deadline or a duty that cuts funds is done or stays owed.
   */
  readonly waivable: false | { readonly keyPrefix: string };
}

const duty = (
  unit: ClockUnit,
  period: (policy: Policy) => number,
  zh: string,
  en: string,
  more: {
    cuts?: readonly Fund[];
    holdsFromStart?: boolean;
    yearly?: ObligationKind['yearly'];
    periodByKey?: Readonly<Record<string, (policy: Policy) => number>>;
    waivable?: ObligationKind['waivable'];
  } = {},
): ObligationKind => ({
  unit,
  period,
  zh,
  en,
  cuts: more.cuts ?? [],
  holdsFromStart: more.holdsFromStart ?? false,
  yearly: more.yearly ?? false,
  ...(more.periodByKey ? { periodByKey: more.periodByKey } : {}),
  waivable: more.waivable ?? false,
});

/**
 * Every duty a clock starts, one row each: how its due date is counted (RULES.md: the day the
 * clock starts is day 0), the period, what it asks, and the funds it cuts. Adding a duty is a row
 * here and the use case that starts its clock.
 */
export const OBLIGATIONS: Readonly<Partial<Record<RuleCode, ObligationKind>>> = {
  'ART14-BUDGET-FILING': duty(
    'working-days',
    (p) => p.budgetFilingWorkingDays,
    '向县数据局报备预算批复',
    'file the budget approval with the Data Bureau',
  ),
  'ART15-EMERGENCY': duty(
    'working-days',
    (p) => p.emergencyProceduresWorkingDays,
    '紧急项目边建设边补办手续（期限为政策设定，第十五条未规定）',
    'complete the skipped procedure (the period is a policy setting: article 15 sets none)',
    { periodByKey: { 'emergency-decision': (p) => p.emergencyDecisionWorkingDays } },
  ),
  'ART20-BASELINE': duty(
    'days',
    () => 0,
    '按基线计划报告关键节点进度、成本、质量',
    'report the baseline milestone (progress, cost, quality) by its planned date',
    // A milestone entered in error; the planned completion is the project's own end date, never waived.
    { waivable: { keyPrefix: 'milestone-' } },
  ),
  'ART27-ACCEPTANCE-DEADLINE': duty(
    'months',
    (p) => p.acceptanceMonths,
    '建成后半年内完成项目验收',
    'complete acceptance within six months of completion',
  ),
  'ART29-FILING': duty(
    'working-days',
    (p) => p.completionFilingWorkingDays,
    '竣工验收合格后30个工作日内向县数据局备案',
    'file the acceptance report with the Data Bureau within 30 working days of acceptance',
    { cuts: ['construction', 'operations'], holdsFromStart: true },
  ),
  'ART30-SELF-EVALUATION': duty(
    'days',
    (p) => p.selfEvaluationDays,
    '验收完成后开展绩效自评（期限为政策设定，第三十条未规定）',
    'carry out the performance self-evaluation (the period is a policy setting: article 30 sets none)',
  ),
  'ART07-OM-FUNDING': duty(
    'days',
    () => 0,
    '按年度报告运维情况（迁移上云、数据共享、业务协同）；运维项目按迁移计划完成迁移上云',
    'report the year of operations (government cloud, data sharing, collaboration); an O&M project migrates to the government cloud by its plan',
    { cuts: ['operations'], yearly: { keyPrefix: OM_DUTY_PREFIX } },
  ),
  'ART32-DISPOSAL-REPORT': duty(
    'days',
    (p) => p.disposalReportDays,
    '停用报废30日内报送资产处置情况说明',
    'report the disposal of assets within 30 days of decommissioning',
  ),
};

export const obligationKind = (code: RuleCode): ObligationKind => {
  const kind = OBLIGATIONS[code];
  if (!kind) throw new Error(`${code} starts no clock`);
  return kind;
};

/** The catalogue's `yearly` column: whether meeting or finding this duty writes next year's. */
export const isYearly = (duty: Pick<Obligation, 'code' | 'key'>): boolean => {
  const yearly = OBLIGATIONS[duty.code]?.yearly ?? false;
  return yearly !== false && duty.key.startsWith(yearly.keyPrefix);
};

/** The catalogue's `waivable` column; a duty no clock row names (a department's ART24 drill) is never waivable. */
export const isWaivable = (duty: Pick<Obligation, 'code' | 'key'>): boolean => {
  const waivable = OBLIGATIONS[duty.code]?.waivable ?? false;
  return waivable !== false && duty.key.startsWith(waivable.keyPrefix);
};

/** How a due date was counted, so that it can be counted again when a calendar year arrives. */
export const DueBasisSchema = z.object({
  from: z.string(),
  amount: z.number().int().min(0),
  unit: z.enum(['working-days', 'days', 'months']),
});
export type DueBasis = z.infer<typeof DueBasisSchema>;

export const ObligationStatusSchema = z.enum(['open', 'fulfilled', 'waived', 'cancelled']);

export const ObligationSchema = z.object({
  projectId: z.string(),
  ownerDeptId: z.string(),
  code: z.enum(RULE_CODES),
  /** Distinguishes several duties under one rule (ART15: one per skipped procedure). */
  key: z.string(),
  description: z.string(),
  dueDate: z.string(),
  dueBasis: DueBasisSchema,
  provisional: z.boolean(),
  /** `cancelled`: the duty no longer applies (an emergency procedure a change of the project made moot). */
  status: ObligationStatusSchema,
  createdAt: z.string(),
  settledAt: z.string().nullable(),
  settledBy: z.string().nullable(),
  waiverReason: z.string().nullable(),
  /** When the sweep opened this duty's finding; a found duty is not written again. */
  foundAt: z.string().nullable().default(null),
  /**
   * The day the owner did what the duty asks (a filing, an O&M report) while the Data Bureau has
   * yet to confirm it (ART04 指导监督): lateness is judged by this day, not by the confirmation.
   */
  pendingSince: z.string().nullable().default(null),
  /** Its latest waiver proposal (proposed, confirmed or withdrawn); the duty stays open while one is proposed. */
  waiver: DutyWaiverSchema.nullable().default(null),
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

/** The basis of a new duty under `code` (and `key`, where its row gives that key a period of its own) whose clock starts on `from`. */
export const dueBasis = (code: RuleCode, from: string, policy: Policy, key?: string): DueBasis => {
  const kind = obligationKind(code);
  const period = (key !== undefined && kind.periodByKey?.[key]) || kind.period;
  return { from, amount: period(policy), unit: kind.unit };
};

/**
 * A duty's (or its finding's) description as a Chinese reader reads it: the stored one carries the
 * catalogue's English in parentheses for the API's other readers, which a Chinese page leaves out.
 */
export const descriptionZh = (item: { code: RuleCode; description: string }): string => {
  const kind = OBLIGATIONS[item.code];
  const english = kind ? ` (${kind.en})` : '';
  return english && item.description.endsWith(english) ? item.description.slice(0, -english.length) : item.description;
};

/** A new open duty, dated; its description is the catalogue's, with what this one is about. */
export const newObligation = (input: {
  project: Pick<Project, 'id' | 'ownerDeptId'>;
  code: RuleCode;
  key: string;
  basis: DueBasis;
  due: { dueDate: string; provisional: boolean };
  detail?: string;
  at: string;
}): Obligation => {
  const kind = obligationKind(input.code);
  return {
    projectId: input.project.id,
    ownerDeptId: input.project.ownerDeptId,
    code: input.code,
    key: input.key,
    description: `${kind.zh}${input.detail ? `：${input.detail}` : ''} (${kind.en})`,
    dueDate: input.due.dueDate,
    dueBasis: input.basis,
    provisional: input.due.provisional,
    status: 'open',
    createdAt: input.at,
    settledAt: null,
    settledBy: null,
    waiverReason: null,
    foundAt: null,
    pendingSince: null,
    waiver: null,
  };
};

/**
 * Late means the due date has passed: a sweep as of the due date itself finds nothing. A duty the
 * owner answered that awaits the Data Bureau's confirmation is judged by the day it was answered:
 * in time, it is never found late while it waits.
 */
export const isLate = (
  obligation: Pick<Obligation, 'dueDate' | 'status'> & { pendingSince?: string | null },
  asOf: string,
) => {
  const judgedOn = obligation.pendingSince && obligation.pendingSince < asOf ? obligation.pendingSince : asOf;
  return obligation.status === 'open' && obligation.dueDate < judgedOn;
};

export const daysLate = (dueDate: string, asOf: string) =>
  Math.max(0, Math.round((Date.parse(`${asOf}T00:00:00Z`) - Date.parse(`${dueDate}T00:00:00Z`)) / 86_400_000));

/** The next year's duty of a yearly one (its key ends in the year; due on the same day of the next year). */
export const nextYearDuty = (obligation: Pick<Obligation, 'key' | 'dueBasis'>): { key: string; from: string } => {
  const year = Number(/(\d{4})$/.exec(obligation.key)?.[1]);
  if (!year) throw new Error(`${obligation.key} is not the key of a yearly duty`);
  const from = obligation.dueBasis.from;
  return {
    key: obligation.key.replace(/\d{4}$/, String(year + 1)),
    from: `${Number(from.slice(0, 4)) + 1}${from.slice(4)}`,
  };
};
