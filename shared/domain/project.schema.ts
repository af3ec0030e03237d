import * as z from 'zod';
import { DateSchema } from './calendar.ts';
import { DeptIdSchema } from './department.schema.ts';
import { ReviewKindSchema, WorkflowKindSchema } from './review-catalogue.ts';
import { ActorSchema } from './roles.ts';
import { StageSchema } from './stages.ts';
import { multiLine, singleLine } from './text.ts';
import { ViolationSchema } from './violation.ts';

/** Integer fen (分); never floating point. 600,000 CNY = 60000000. */
export const FenSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** An amount that must be more than nothing: a budget, a contract's price. */
export const PositiveFenSchema = FenSchema.min(1);

// ART02: kinds are checked by the ART02-SCOPE-KIND rule (422 with the article), not by the
// schema (which would answer a bare 400), so these are plain strings here.
export const CATEGORIES = [
  'application-system',
  'network-infrastructure',
  'information-resources',
  'information-security',
  // ART02 ends its list of categories with 等: another kind of data project is declared as
  // `other`, described, and judged by the technical review (`categoryJustified`).
  'other',
] as const;
export const CONSTRUCTION_TYPES = ['new', 'expansion', 'upgrade', 'operations'] as const;
export const FUNDING_MODES = ['government-invested', 'government-enterprise', 'purchased-service'] as const;
export const EMERGENCY_EVENT_TYPES = ['natural-disaster', 'accident', 'public-health', 'social-security'] as const;
/** ART15 ends its list with 等: another event the Data Bureau accepts, named in the justification and judged by the confirmation. */
export const EMERGENCY_EVENT_KINDS = [...EMERGENCY_EVENT_TYPES, 'other'] as const;
export const DEPLOYMENT_TARGETS = ['gov-cloud', 'public-cloud', 'on-premise'] as const;

/** ART26's migration plan: what moves to the government cloud, and the date it is done by. */
export const MigrationPlanSchema = z
  .object({ text: multiLine(4000, { empty: 'allowed' }), completeBy: DateSchema.nullish() })
  .strict();

/** An operations and maintenance (运维) project: ART07 withholds its O&M funds where it is not migrated to the cloud as required. */
export const isOperationsProject = (project: { constructionType: string }) => project.constructionType === 'operations';

/** A migration plan as the rules read it, whichever form it was stored in. */
export const migrationPlanOf = (deployment: {
  migrationPlan?: string | z.infer<typeof MigrationPlanSchema> | null | undefined;
}): { text: string; completeBy: string | null } => {
  const plan = deployment.migrationPlan;
  if (plan === null || plan === undefined) return { text: '', completeBy: null };
  if (typeof plan === 'string') return { text: plan, completeBy: null };
  return { text: plan.text, completeBy: plan.completeBy ?? null };
};

/** What the department declares of the emergency it builds for (ART15). */
export const EmergencyDeclarationSchema = z.object({
  eventType: z
    .enum(EMERGENCY_EVENT_KINDS)
    .describe(
      'ART15: natural disaster (自然灾害), accident (事故灾难), public-health event (公共卫生事件), social-safety incident (社会安全事件), or another event (等) the justification names',
    ),
  event: z.object({ name: singleLine(200), occurredOn: DateSchema }),
  justification: multiLine(4000),
  /** The department's collective decision to build at once (三重一大): a verified `emergency-decision` document. */
  decisionDocumentId: z.string().max(64).nullish(),
});

/** The emergency as kept: what was declared, the total declared when building started, and the Data Bureau's confirmation. */
export const EmergencySchema = EmergencyDeclarationSchema.extend({
  /** ART17 judges procurement before approval against this, not a later edit. */
  declaredTotalFen: FenSchema.nullable().default(null),
  confirmation: z
    .object({
      status: z.enum(['pending', 'confirmed', 'voided']),
      by: z.string().nullable(),
      at: z.string().nullable(),
    })
    .nullable()
    .default(null),
});
export type Emergency = z.infer<typeof EmergencySchema>;
export type EmergencyDeclaration = z.infer<typeof EmergencyDeclarationSchema>;

/** A declared emergency as kept before it builds: no total fixed yet, nothing to confirm yet. */
export const keptEmergency = (declared: EmergencyDeclaration | null | undefined): Emergency | null =>
  declared ? { ...declared, declaredTotalFen: null, confirmation: null } : null;

/** Whether two emergencies declare the same (what the system adds to a declaration aside). */
export const sameDeclaredEmergency = (a: EmergencyDeclaration | null, b: EmergencyDeclaration | null): boolean => {
  const declared = (e: EmergencyDeclaration | null) =>
    e && JSON.stringify([e.eventType, e.event.name, e.event.occurredOn, e.justification, e.decisionDocumentId ?? null]);
  return declared(a) === declared(b);
};

export const ProjectFieldsSchema = z.object({
  name: singleLine(200),
  year: z.number().int().min(2024).max(2100),
  category: z.string().describe(`One of ${CATEGORIES.join(', ')} (ART02)`),
  /** What an `other` project is (ART02 等), for the technical review to judge. */
  categoryDescription: multiLine(1000).nullish(),
  constructionType: z.string().describe(`One of ${CONSTRUCTION_TYPES.join(', ')} (ART02)`),
  fundingMode: z.string().describe(`One of ${FUNDING_MODES.join(', ')} (ART02)`),
  classified: z.boolean().default(false),
  totalInvestmentFen: FenSchema,
  keyProject: z.boolean().default(false),
  involvesConstruction: z.boolean().default(false),
  coBuilderDeptIds: z.array(DeptIdSchema).max(20).default([]),
  /** ART08: the county's share of construction and of O&M funds in a city–county co-built project. */
  cityCountyCoBuild: z.object({ countyShareFen: FenSchema, countyOmShareFen: FenSchema }).nullable().default(null),
  emergency: EmergencyDeclarationSchema.nullable().default(null),
  scope: z
    .object({
      dataCentre: z.boolean().default(false),
      machineRoom: z.boolean().default(false),
      cloudPlatform: z.boolean().default(false),
    })
    .default({ dataCentre: false, machineRoom: false, cloudPlatform: false }),
  interop: z
    .object({
      interconnection: multiLine(4000, { empty: 'allowed' }).default(''),
      dataSharing: multiLine(4000, { empty: 'allowed' }).default(''),
      businessCollaboration: multiLine(4000, { empty: 'allowed' }).default(''),
    })
    .default({ interconnection: '', dataSharing: '', businessCollaboration: '' }),
  deployment: z
    .object({
      target: z.enum(DEPLOYMENT_TARGETS),
      riskAssessmentDocumentId: z.string().max(64).nullish(),
      /**
       * ART26: how and by when a system off the government cloud migrates to it. An O&M project
       * states `completeBy` (ART07: a project not migrated as required gets no O&M funds); a plan
       * given as text alone (as declarations before this rule stored it) reads as one without a date.
       */
      migrationPlan: z.union([multiLine(4000, { empty: 'allowed' }), MigrationPlanSchema]).nullish(),
    })
    .default({ target: 'gov-cloud' }),
  /** ART06: the item of the county's annual plan this project carries out, if any. */
  annualPlanItemId: z.string().max(64).nullish(),
});

/** POST /v1/projects. */
export const ProjectInputSchema = ProjectFieldsSchema.strict();
export type ProjectInput = z.infer<typeof ProjectInputSchema>;

/** PATCH /v1/projects/{id}: any subset of the fields; given fields replace the stored ones. */
export const ProjectPatchSchema = z
  .object(
    Object.fromEntries(
      Object.entries(ProjectFieldsSchema.shape).map(([key, schema]) => [
        key,
        // Defaults belong to creation; a patch sets only what it names.
        ((schema instanceof z.ZodDefault ? schema.unwrap() : schema) as z.ZodType).optional(),
      ]),
    ) as {
      [K in keyof typeof ProjectFieldsSchema.shape]: z.ZodOptional<
        z.ZodType<z.output<(typeof ProjectFieldsSchema.shape)[K]>>
      >;
    },
  )
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'Give at least one field to change.');
export type ProjectPatch = z.infer<typeof ProjectPatchSchema>;

export const SignOffSchema = z.object({
  by: z.string(),
  name: z.string(),
  at: z.string(),
  internalReviewDocumentId: z.string(),
});

export const ConfirmationSchema = z.object({ by: z.string(), name: z.string(), at: z.string() });

/** A workflow round on the project: which one, how it stands, what it is about, which reviews it passed. */
export const RoundSchema = z.object({
  round: z.number().int().positive(),
  /** `failed`: a step of its workflow failed; it went back to the owner as a return would. */
  status: z.enum(['running', 'approved', 'rejected', 'returned', 'failed']),
  /** A change's re-approval round (ART22) names its change; a declaration's round names none. */
  changeId: z.string().nullable(),
  /** Reviews approved in this round. */
  passed: z.array(ReviewKindSchema),
  /** The budget its finance review approved (ART14): it applies to the project if the round is approved. */
  approvedBudgetFen: FenSchema.nullable().default(null),
  /** When it ended. */
  concludedAt: z.string().nullable().default(null),
  /** The review a confirmation round opened with (a filing or an O&M report), and the record it confirms. */
  kind: ReviewKindSchema.nullable().default(null),
  subjectId: z.string().nullable().default(null),
});
export type Round = z.infer<typeof RoundSchema>;

const date = z.string().nullable().default(null);

export const ProjectSchema = ProjectFieldsSchema.extend({
  emergency: EmergencySchema.nullable().default(null),
  id: z.string(),
  code: z.string().describe('Human-readable, unique per year: LC-2026-0007'),
  ownerDeptId: DeptIdSchema,
  stage: StageSchema,
  openReviews: z.array(ReviewKindSchema),
  version: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
  createdBy: z.string(),
  submittedBy: z.string().nullable(),
  submittedAt: z.string().nullable(),
  warnings: z.array(ViolationSchema),
  signOff: SignOffSchema.nullable(),
  confirmations: z.record(z.string(), ConfirmationSchema),
  /** The latest round of each workflow. */
  rounds: z.partialRecord(WorkflowKindSchema, RoundSchema).default({}),
  /** Reviews that approved the project in an approval round that concluded approved (ART27: DRC acceptance follows ART13 project approval). */
  approvedBy: z.array(ReviewKindSchema).default([]),
  /** 概算 (ART22): the total as approved; replaced only when a change is re-approved. The base of the 10%. */
  approvedEstimateFen: FenSchema.nullable().default(null),
  /** 预算: set by the finance decision (ART14). */
  approvedBudgetFen: FenSchema.nullable().default(null),
  /** The day its declaration's approval round concluded approved (立项): the public register's year. */
  approvedOn: date,
  constructionStartedAt: date,
  completedOn: date,
  acceptedOn: date,
  filedOn: date,
  decommissionedOn: date,
});
export type Project = z.infer<typeof ProjectSchema>;

/** A project item as stored: the project plus the head of its audit chain. */
export const StoredProjectSchema = ProjectSchema.extend({
  eventSeq: z.number().int().min(0),
  eventHead: z.string(),
});
export type StoredProject = z.infer<typeof StoredProjectSchema>;

export const ProjectEventSchema = z.object({
  seq: z.number().int().positive(),
  at: z.string(),
  actor: ActorSchema,
  action: z.string(),
  from: StageSchema.nullable(),
  to: StageSchema.nullable(),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export type ProjectEvent = z.infer<typeof ProjectEventSchema>;
