import * as z from 'zod';
import { addCalendarDays, addMonths } from './calendar.ts';
import { type Violation, violation } from './violation.ts';

/**
 * The thresholds and periods of the measures, in one place (RULES.md: "policy settings with
 * these defaults, kept in one place, never literals scattered through handlers"). Functions
 * receive a Policy; nothing else spells these numbers.
 */
export const PolicySchema = z.object({
  /** ART14: finance review from this total investment, inclusive (达60万元以上). */
  financeReviewThresholdFen: z.number(),
  /** ART14: budget approval filed within this many working days. */
  budgetFilingWorkingDays: z.number(),
  /** ART22: changes adjusting at most this percentage of the estimate (cumulatively) may be filed instead of re-approved. */
  changeFilingMaxPercent: z.number(),
  /** ART27: acceptance within this many calendar months of completion. */
  acceptanceMonths: z.number(),
  /** ART29: completion report filed within this many working days. */
  completionFilingWorkingDays: z.number(),
  /** ART30: self-evaluation within this many calendar days of acceptance (a policy choice: the article names none). */
  selfEvaluationDays: z.number(),
  /** ART07: the yearly O&M report is due on this day (MM-DD) of its budget year (a policy choice). */
  operationsReportDue: z.string(),
  /**
   * ART24 定期组织演练: a department with a project building or in operations drills its security
   * emergency plan at least once in this many calendar months; a drill within it also counts at
   * acceptance (a policy choice: the article says 定期, periodically, and sets no period).
   */
  drillWindowMonths: z.number(),
  /** ART32: disposal report within this many calendar days. */
  disposalReportDays: z.number(),
  /** ART35: the measures apply from this date for `validityYears`. */
  measuresInForce: z.string(),
  validityYears: z.number(),
  /** ART35: submissions this close to the end of the measures (or after it) carry a warning. */
  validityWarningDays: z.number(),
  /** Review tasks fall due after this many working days (a policy choice; the measures give none). */
  reviewDueWorkingDays: z.number(),
  /** A review step waits this long before escalating rather than hanging (seconds). */
  reviewTimeoutSeconds: z.number(),
  /** ART15: an emergency project completes each skipped procedure within this many working days of starting. */
  emergencyProceduresWorkingDays: z.number(),
  /** ART15: the department's collective decision to build at once (三重一大) is on record within this many working days of the start. */
  emergencyDecisionWorkingDays: z.number(),
  /**
   * The Data Bureau confirms an emergency (ART15), a filing (ART29) or an O&M report (ART07) within
   * this many working days: a policy choice, as ART04 (指导监督) and those articles set no period.
   */
  confirmationWorkingDays: z.number(),
  /**
   * Working mornings ahead that a department is told of a duty falling due (and reviewers of a task
   * in their queue): a policy choice, as ART04 (指导监督) asks the Data Bureau to supervise and
   * sets no notice period.
   */
  reminderWorkingDays: z.number().int().min(1).max(30),
  /**
   * A review re-opened this many times fails on the record instead: with the default timeout,
   * eleven escalations stay inside a standard execution's one-year limit.
   */
  maxEscalations: z.number(),
  /** Largest document accepted for upload. */
  maxDocumentBytes: z.number(),
});
export type Policy = z.infer<typeof PolicySchema>;

export const DEFAULT_POLICY: Policy = {
  financeReviewThresholdFen: 60_000_000,
  budgetFilingWorkingDays: 3,
  changeFilingMaxPercent: 10,
  acceptanceMonths: 6,
  completionFilingWorkingDays: 30,
  selfEvaluationDays: 90,
  operationsReportDue: '10-31',
  drillWindowMonths: 12,
  disposalReportDays: 30,
  measuresInForce: '2024-09-20',
  validityYears: 5,
  validityWarningDays: 180,
  reviewDueWorkingDays: 10,
  reviewTimeoutSeconds: 30 * 24 * 3600,
  emergencyProceduresWorkingDays: 30,
  emergencyDecisionWorkingDays: 3,
  confirmationWorkingDays: 5,
  reminderWorkingDays: 5,
  maxEscalations: 11,
  maxDocumentBytes: 100 * 1024 * 1024,
};

/**
 * The settings the measures leave open, each with the article that does: a period the county
 * chose where the article asks for something done (定期, 及时) without saying when. GET
 * /v1/policy names them so nobody takes a policy choice for a rule of the measures.
 */
export const POLICY_CHOICES: Readonly<Partial<Record<keyof Policy, { article: number; why: string; whyZh: string }>>> =
  {
    drillWindowMonths: {
      article: 24,
      why: 'Article 24 asks departments to drill their security emergency plan periodically (定期) and sets no period.',
      whyZh: '第二十四条要求定期组织应急演练，未规定周期',
    },
    selfEvaluationDays: {
      article: 30,
      why: 'Article 30 asks for a performance self-evaluation after acceptance and sets no period.',
      whyZh: '第三十条要求验收后开展绩效自评，未规定期限',
    },
    emergencyProceduresWorkingDays: {
      article: 15,
      why: 'Article 15 lets an emergency project complete its procedures while building and sets no period.',
      whyZh: '第十五条允许紧急项目边建设边办理手续，未规定期限',
    },
    operationsReportDue: {
      article: 7,
      why: 'Article 7 cuts O&M funds from systems not migrated or sharing as declared and sets no reporting date.',
      whyZh: '第七条规定不再拨付运维经费的情形，未规定报告日期',
    },
    confirmationWorkingDays: {
      article: 4,
      why: 'The Data Bureau confirms an emergency, a filing or an O&M report within this period: article 4 (guidance and supervision) and articles 7, 15 and 29 set none.',
      whyZh: '县数据局认定紧急项目、确认备案及运维报告的期限：第四条（指导监督）及第七、十五、二十九条均未规定',
    },
    emergencyDecisionWorkingDays: {
      article: 15,
      why: "The department's collective decision to build at once is on record within this period: article 15 sets none.",
      whyZh: '紧急建设“三重一大”集体决策在案的期限：第十五条未规定',
    },
    reminderWorkingDays: {
      article: 4,
      why: 'Departments and reviewers are told this many working days before a duty or a review falls due: article 4 (guidance and supervision) sets no notice period.',
      whyZh: '期限届满前提前提醒的工作日数：第四条（指导监督）未规定提醒期限',
    },
    reviewDueWorkingDays: {
      article: 13,
      why: 'A review task falls due after this period: articles 13 and 14 set none.',
      whyZh: '审查任务的办理期限：第十三、十四条未规定',
    },
  };

export const policyChoices = () => Object.entries(POLICY_CHOICES).map(([setting, choice]) => ({ setting, ...choice }));

/** ART35: the window the measures apply in, as of `today`; `expires` is the last day they are in force. */
export const measuresValidity = (policy: Pick<Policy, 'measuresInForce' | 'validityYears'>, today: string) => {
  const expires = addCalendarDays(addMonths(policy.measuresInForce, policy.validityYears * 12), -1);
  return { inForce: policy.measuresInForce, expires, daysLeft: daysBetween(today, expires) };
};

/**
 * ART35-VALIDITY: a submission before the measures are in force, after they expire, or within the
 * warning period before the end, is accepted with a warning (a rule set has a validity window,
 * and the system says so outside it and as it ends).
 */
export const validityWarnings = (
  policy: Pick<Policy, 'measuresInForce' | 'validityYears' | 'validityWarningDays'>,
  today: string,
): Violation[] => {
  const { inForce, expires, daysLeft } = measuresValidity(policy, today);
  if (today < inForce) {
    return [
      violation(
        'ART35-VALIDITY',
        'submittedAt',
        `The measures come into force on ${inForce}.`,
        `：本办法自 ${inForce} 起施行`,
      ),
    ];
  }
  if (daysLeft > policy.validityWarningDays) return [];
  return [
    violation(
      'ART35-VALIDITY',
      'submittedAt',
      daysLeft < 0 ? `The measures expired on ${expires}.` : `The measures expire on ${expires}, in ${daysLeft} days.`,
      daysLeft < 0 ? `：本办法已于 ${expires} 期满` : `：本办法有效期至 ${expires}，尚余 ${daysLeft} 日`,
    ),
  ];
};

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
