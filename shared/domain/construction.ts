import * as z from 'zod';
import { addMonths, DateSchema, shanghaiDate } from './calendar.ts';
import { ForbiddenError, ValidationError } from './errors.ts';
import { FenSchema, PositiveFenSchema } from './project.schema.ts';
import { Recorded } from './recorded.ts';
import type { Actor } from './roles.ts';
import { multiLine, singleLine } from './text.ts';
import { type Violation, violation } from './violation.ts';

const text = singleLine;
const documentId = z.string().min(1).max(64);

/** The approved baseline (ART20): planned completion, and milestones with due dates and cumulative planned spend. */
export const BaselineSchema = z
  .object({
    plannedCompletionOn: DateSchema,
    milestones: z
      .array(
        z
          .object({
            name: text(100),
            dueOn: DateSchema,
            plannedSpentFen: FenSchema.describe('Cumulative: the planned spend from the start to this milestone'),
          })
          .strict(),
      )
      .min(1)
      .max(24)
      .refine((list) => new Set(list.map((m) => m.name)).size === list.length, {
        message: 'Milestone names are unique',
        params: { zh: '里程碑名称不得重复' },
      })
      .refine(
        (list) =>
          [...list]
            .sort((a, b) => a.dueOn.localeCompare(b.dueOn))
            .every((m, i, sorted) => i === 0 || m.plannedSpentFen >= (sorted[i - 1]?.plannedSpentFen ?? 0)),
        {
          message: 'The planned spend is cumulative: it never goes down from one milestone to the next',
          params: { zh: '累计计划支出按里程碑日期只增不减' },
        },
      ),
  })
  .strict();
export type Baseline = z.infer<typeof BaselineSchema>;

/**
 * What a baseline must say to be a plan (ART20): a completion not already past on the day it is
 * set, and every milestone due by that completion. 400 naming each field at fault.
 */
export const refuseUnsoundBaseline = (baseline: Baseline, now: Date, at = 'baseline'): void => {
  const today = shanghaiDate(now);
  const faults = [
    ...(baseline.plannedCompletionOn < today
      ? [
          {
            path: `${at}.plannedCompletionOn`,
            message: `The planned completion is before today (${today}).`,
            messageZh: `计划完工日期不得早于今天（${today}）`,
          },
        ]
      : []),
    ...baseline.milestones.flatMap((milestone, i) =>
      milestone.dueOn > baseline.plannedCompletionOn
        ? [
            {
              path: `${at}.milestones.${i}.dueOn`,
              message: `Due after the planned completion (${baseline.plannedCompletionOn}).`,
              messageZh: `不得晚于计划完工日期（${baseline.plannedCompletionOn}）`,
            },
          ]
        : [],
    ),
  ];
  if (faults.length > 0) throw new ValidationError(faults);
};

export const ConstructionStartInputSchema = z.object({ baseline: BaselineSchema }).strict();

export const BaselineRecordSchema = BaselineSchema.extend({ id: z.string(), projectId: z.string(), ...Recorded });

export const MilestoneReportInputSchema = z
  .object({
    milestone: text(100),
    reportedOn: DateSchema,
    progressPercent: z.number().int().min(0).max(100),
    spentFen: FenSchema.describe('Cumulative since the start of construction'),
    quality: z.enum(['meets-standard', 'deficient']),
    note: multiLine(4000, { empty: 'allowed' }).optional(),
    reportDocumentId: documentId.optional(),
  })
  .strict();
export type MilestoneReportInput = z.infer<typeof MilestoneReportInputSchema>;

export const MilestoneReportSchema = MilestoneReportInputSchema.extend({
  id: z.string(),
  projectId: z.string(),
  /** What the report deviated from the baseline in (ART20): late, over the planned spend, deficient. */
  deviations: z.array(z.enum(['late', 'over-plan', 'deficient'])),
  ...Recorded,
});

/**
 * A milestone is reported on a day construction had started (ART20): a report dated before the
 * start would be backdated around the baseline. 400 naming the field.
 */
export const refuseReportBeforeStart = (reportedOn: string, constructionStartedAt: string | null): void => {
  if (constructionStartedAt === null) return;
  const started = shanghaiDate(new Date(constructionStartedAt));
  if (reportedOn < started) {
    throw new ValidationError([
      {
        path: 'reportedOn',
        message: `Reported on ${reportedOn}, before construction started (${started}).`,
        messageZh: `报告日期不得早于开工日期（${started}）`,
      },
    ]);
  }
};

/** The key of the ART20 duty a milestone of the baseline opens. */
export const milestoneDuty = (name: string) => `milestone-${name}`;
/** The key of the ART20 duty the planned completion opens. */
export const PLANNED_COMPLETION_DUTY = 'planned-completion';

/**
 * A milestone report against the baseline (ART20): late against its due date, its cumulative
 * spend above the plan to that milestone, or deficient quality are deviations: accepted, but
 * flagged. A milestone not in the baseline is refused.
 */
export const milestoneDeviations = (report: MilestoneReportInput, baseline: Baseline) => {
  const planned = baseline.milestones.find((m) => m.name === report.milestone);
  if (!planned) {
    return {
      refused: [violation('ART20-BASELINE', 'milestone', `${report.milestone} is not a milestone of the baseline.`)],
      deviations: [],
    };
  }
  const deviations: ('late' | 'over-plan' | 'deficient')[] = [];
  if (report.reportedOn > planned.dueOn) deviations.push('late');
  if (report.spentFen > planned.plannedSpentFen) deviations.push('over-plan');
  if (report.quality === 'deficient') deviations.push('deficient');
  return { refused: [] as Violation[], deviations };
};

export const ASSET_KINDS = ['fixed', 'intangible'] as const;

const AssetItemSchema = z
  .object({
    name: text(200),
    kind: z.enum(ASSET_KINDS),
    valueFen: FenSchema,
    registrationNo: singleLine(100).nullable().describe('In the state-asset system (ART21)'),
  })
  .strict();

/** A project that formed no assets says why (ART21): an empty register is otherwise no register. */
const NoAssetsFormedSchema = z.object({ reason: multiLine(2000) }).strict();

/**
 * API.md § Bounds: at most 200 asset items, so the register is one item of the store. At least
 * one item, or none with `noAssetsFormed`; each worth at least one fen; registration numbers
 * unique within the project (400 naming the repeated one).
 */
export const AssetsInputSchema = z
  .object({
    items: z.array(AssetItemSchema.extend({ valueFen: PositiveFenSchema })).max(200),
    noAssetsFormed: NoAssetsFormedSchema.optional(),
  })
  .strict()
  .superRefine((register, ctx) => {
    if (register.items.length === 0 && !register.noAssetsFormed) {
      ctx.addIssue({
        code: 'custom',
        path: ['items'],
        message: 'List the assets the project formed, or say why it formed none (noAssetsFormed)',
        params: { zh: '请登记项目形成的资产，或说明未形成资产的原因' },
      });
    }
    if (register.items.length > 0 && register.noAssetsFormed) {
      ctx.addIssue({
        code: 'custom',
        path: ['noAssetsFormed'],
        message: 'A register with assets does not say that none were formed',
        params: { zh: '已登记资产的，不得同时说明未形成资产' },
      });
    }
    const seen = new Set<string>();
    register.items.forEach((item, i) => {
      if (item.registrationNo === null) return;
      if (seen.has(item.registrationNo)) {
        ctx.addIssue({
          code: 'custom',
          path: ['items', i, 'registrationNo'],
          message: 'Registration numbers are unique within the project',
          params: { zh: '国有资产登记编号在项目内不得重复' },
        });
      }
      seen.add(item.registrationNo);
    });
  });
export type AssetsInput = z.infer<typeof AssetsInputSchema>;

export const AssetsSchema = z
  .object({
    items: z
      .array(
        AssetItemSchema.extend({
          /** How and when it was disposed of after decommissioning (ART32). */
          disposal: z
            .object({ method: z.enum(['transfer', 'reuse', 'auction', 'scrap']), disposedOn: z.string() })
            .strict()
            .optional(),
        }),
      )
      .max(200),
    noAssetsFormed: NoAssetsFormedSchema.optional(),
    id: z.string(),
    projectId: z.string(),
    ...Recorded,
  })
  .strict();
export type Assets = z.infer<typeof AssetsSchema>;

/** ART21: every asset the project formed is registered in the state-asset system. */
export const assetViolations = (assets: AssetsInput): Violation[] =>
  assets.items.flatMap((asset, i) =>
    asset.registrationNo
      ? []
      : [
          violation(
            'ART21-ASSETS',
            `items.${i}.registrationNo`,
            `${asset.name} has no state-asset registration number.`,
          ),
        ],
  );

export const SECURITY_RECORD_KINDS = ['mlps-filing', 'security-assessment', 'crypto-assessment'] as const;

export const SecurityRecordInputSchema = z
  .object({
    kind: z.enum(SECURITY_RECORD_KINDS),
    documentId,
    on: DateSchema,
    level: z.number().int().min(1).max(5).optional().describe('The MLPS (等级保护) level, 1–5, of an mlps-filing'),
  })
  .strict();
export type SecurityRecordInput = z.infer<typeof SecurityRecordInputSchema>;

export const SecurityRecordSchema = SecurityRecordInputSchema.extend({
  id: z.string(),
  projectId: z.string(),
  /** The Public Security Bureau's confirmation of an MLPS filing (ART04, ART24): only a confirmed filing counts. */
  confirmedBy: z.string().nullable(),
  /** The confirming officer's name, as the token carried it (records from before names were kept have none). */
  confirmedByName: z.string().nullable().optional(),
  confirmedAt: z.string().nullable(),
  /** Confirmed by the Public Security Bureau on its own project (ART04: it confirms rather than deadlock), for the Audit Bureau. */
  conflictOfInterest: z.boolean().optional(),
  ...Recorded,
});
export type SecurityRecord = z.infer<typeof SecurityRecordSchema>;

/**
 * Separation of duties for an MLPS confirmation (ART04, ART24): the confirming Public Security
 * officer is not of the owner department — unless the owner is the Public Security Bureau itself,
 * which confirms its own filing marked `conflictOfInterest`.
 */
export const mlpsConfirmationAuthority = (
  actor: Actor,
  project: { ownerDeptId: string },
  ownerBureauRole: string | null,
): { conflictOfInterest: boolean } => {
  if (actor.deptId === null || actor.deptId !== project.ownerDeptId) return { conflictOfInterest: false };
  if (ownerBureauRole === 'public-security') return { conflictOfInterest: true };
  throw new ForbiddenError('Nobody of the owner department confirms its own MLPS filing.');
};

export const securityRecordViolations = (record: SecurityRecordInput, documentVerified: boolean): Violation[] => [
  ...(record.kind === 'mlps-filing' && record.level === undefined
    ? [violation('ART24-SECURITY', 'level', 'An MLPS filing states its level (1–5).')]
    : []),
  ...(documentVerified ? [] : [violation('ART24-SECURITY', 'documentId', `Name a verified ${record.kind} document.`)]),
];

export const SecurityDrillInputSchema = z
  .object({ on: DateSchema, scenario: multiLine(1000), participants: z.number().int().min(1).max(100_000) })
  .strict();
export const SecurityDrillSchema = SecurityDrillInputSchema.extend({ id: z.string(), deptId: z.string(), ...Recorded });
export type SecurityDrill = z.infer<typeof SecurityDrillSchema>;

/**
 * ART24 before acceptance: an MLPS filing the Public Security Bureau confirmed, a security
 * assessment and a commercial-crypto assessment on record, and a drill of the owner department's
 * security emergency plan within the policy window before `today`.
 */
export const securityGate = (
  records: readonly SecurityRecord[],
  drills: readonly Pick<SecurityDrill, 'on'>[],
  today: string,
  drillWindowMonths: number,
): Violation[] => {
  const found: Violation[] = [];
  if (!records.some((r) => r.kind === 'mlps-filing' && r.confirmedAt !== null)) {
    found.push(violation('ART24-SECURITY', 'mlps-filing', 'No MLPS filing confirmed by the Public Security Bureau.'));
  }
  for (const kind of ['security-assessment', 'crypto-assessment'] as const) {
    if (!records.some((r) => r.kind === kind)) found.push(violation('ART24-SECURITY', kind, `No ${kind} on record.`));
  }
  const since = addMonths(today, -drillWindowMonths);
  if (!drills.some((d) => d.on >= since && d.on <= today)) {
    found.push(
      violation('ART24-SECURITY', 'security-drills', `No drill of the department's emergency plan since ${since}.`),
    );
  }
  return found;
};

export const CompletionInputSchema = z.object({ completedOn: DateSchema }).strict();
