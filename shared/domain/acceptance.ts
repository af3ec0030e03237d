import * as z from 'zod';
import { DateSchema } from './calendar.ts';
import { type Assets, type SecurityDrill, type SecurityRecord, securityGate } from './construction.ts';
import type { ProjectDocument } from './document.schema.ts';
import { isOperationsProject, migrationPlanOf, type Project } from './project.schema.ts';
import { Recorded } from './recorded.ts';
import { multiLine } from './text.ts';
import { type Violation, violation } from './violation.ts';

const documentId = z.string().min(1).max(64);
type Verified = (id: string | undefined, kind: ProjectDocument['kind']) => boolean;

/** ART27, ART28: the owner's preliminary acceptance, with the evidence the technical acceptance examines. */
export const PreliminaryAcceptanceInputSchema = z
  .object({
    reportDocumentId: documentId,
    passedOn: DateSchema,
    evidence: z
      .object({
        softwareTestReportDocumentId: documentId,
        resourceSharingCatalogueDocumentId: documentId,
        dataLandingDocumentId: documentId,
      })
      .strict(),
  })
  .strict();
export type PreliminaryAcceptanceInput = z.infer<typeof PreliminaryAcceptanceInputSchema>;

export const PreliminaryAcceptanceSchema = PreliminaryAcceptanceInputSchema.extend({
  id: z.string(),
  projectId: z.string(),
  /** The acceptance round it opened. */
  round: z.number().int().positive(),
  /** How the round it opened ended: a rejection is a failed acceptance (ART27). */
  outcome: z.enum(['pending', 'accepted', 'failed', 'returned']),
  ...Recorded,
});
export type PreliminaryAcceptance = z.infer<typeof PreliminaryAcceptanceSchema>;

/** ART28-ACCEPTANCE-EVIDENCE: each document of the preliminary acceptance verified and of its kind, every one missing named. */
export const acceptanceEvidenceViolations = (input: PreliminaryAcceptanceInput, verified: Verified): Violation[] =>
  (
    [
      ['reportDocumentId', input.reportDocumentId, 'preliminary-acceptance-report'],
      ['evidence.softwareTestReportDocumentId', input.evidence.softwareTestReportDocumentId, 'software-test-report'],
      [
        'evidence.resourceSharingCatalogueDocumentId',
        input.evidence.resourceSharingCatalogueDocumentId,
        'resource-sharing-catalogue',
      ],
      ['evidence.dataLandingDocumentId', input.evidence.dataLandingDocumentId, 'data-landing-report'],
    ] as const
  ).flatMap(([path, id, kind]) =>
    verified(id, kind) ? [] : [violation('ART28-ACCEPTANCE-EVIDENCE', path, `Name a verified ${kind} document.`)],
  );

/** ART27: a preliminary acceptance passes after the completion it accepts, never before it. */
export const acceptanceOrderViolations = (
  input: Pick<PreliminaryAcceptanceInput, 'passedOn'>,
  project: Pick<Project, 'completedOn'>,
): Violation[] =>
  project.completedOn !== null && input.passedOn < project.completedOn
    ? [
        violation(
          'ART27-ACCEPTANCE-ORDER',
          'passedOn',
          `Passed on ${input.passedOn}, before the completion of ${project.completedOn}.`,
          `：初验通过日期 ${input.passedOn} 早于完工日期 ${project.completedOn}`,
        ),
      ]
    : [];

/** ART21 before acceptance completes: the asset register is on record, every item with its registration number. */
export const assetGate = (assets: Assets | undefined): Violation[] => {
  if (!assets) return [violation('ART21-ASSETS', 'assets', 'The assets the project formed are not on record.')];
  if (assets.items.length === 0 && !assets.noAssetsFormed) {
    return [
      violation(
        'ART21-ASSETS',
        'assets',
        'The asset register is empty and does not say why the project formed no assets.',
        '：资产登记为空，且未说明项目未形成资产的原因',
      ),
    ];
  }
  return assets.items.some((item) => !item.registrationNo)
    ? [violation('ART21-ASSETS', 'assets', 'Every asset needs its state-asset registration number.')]
    : [];
};

/**
 * What a technical acceptance checks on record before it may approve: ART24 (a confirmed MLPS
 * filing, both assessments, a recent drill of the owner department) and ART21 (the assets).
 */
export const acceptanceGates = (
  records: { 'security-record': readonly SecurityRecord[]; assets: readonly Assets[] },
  drills: readonly Pick<SecurityDrill, 'on'>[],
  today: string,
  policy: { drillWindowMonths: number },
): Violation[] => [
  ...securityGate(records['security-record'], drills, today, policy.drillWindowMonths),
  ...assetGate(records.assets[0]),
];

export const AcceptanceFilingInputSchema = z.object({ acceptanceReportDocumentId: documentId }).strict();

const rating = z.number().int().min(1).max(5);
/** ART30: the seven aspects of the performance self-evaluation, each rated 1–5. */
export const SelfEvaluationInputSchema = z
  .object({
    documentId,
    ratings: z
      .object({
        costBenefit: rating,
        dataSharing: rating,
        applicationEffect: rating,
        businessCollaboration: rating,
        securityConfidentiality: rating,
        innovativeService: rating,
        economicSocialBenefit: rating,
      })
      .strict(),
  })
  .strict();
export const SelfEvaluationSchema = SelfEvaluationInputSchema.extend({
  id: z.string(),
  projectId: z.string(),
  ...Recorded,
});

/** ART07, ART26: the yearly O&M report, `year` the budget year the O&M funds are for. */
export const OperationsReportInputSchema = z
  .object({
    year: z.number().int().min(2024).max(2100),
    onGovCloud: z.boolean(),
    dataSharedAsDeclared: z.boolean(),
    collaboratingAsDeclared: z.boolean(),
    evidenceDocumentId: documentId,
  })
  .strict();
export type OperationsReportInput = z.infer<typeof OperationsReportInputSchema>;
export const OperationsReportSchema = OperationsReportInputSchema.extend({
  id: z.string(),
  projectId: z.string(),
  ...Recorded,
});

/** The key of the yearly O&M report duty for a budget year, and of what its report may find. */
export const OM_DUTY_PREFIX = 'om-';
export const omDutyKey = (year: number) => `${OM_DUTY_PREFIX}${year}`;
export const omReportKey = (year: number) => `report-${year}`;

/**
 * ART07 (未按要求进行迁移上云…不再拨付运维经费): an O&M project approved off the government cloud
 * owes its migration by the date its plan states (ART26); a duty under ART07 keyed `migration`,
 * due that day, found late by the sweep with an O&M hold, met when the Data Bureau confirms an O&M
 * report saying the system is on the government cloud. None for a project on the cloud, one that
 * is not an O&M project, or a plan without a date (a declaration from before the rule).
 */
export const MIGRATION_DUTY_KEY = 'migration';
export const migrationDeadline = (
  project: Pick<Project, 'constructionType' | 'deployment'>,
): { key: string; from: string } | null => {
  if (!isOperationsProject(project) || project.deployment.target === 'gov-cloud') return null;
  const { completeBy } = migrationPlanOf(project.deployment);
  return completeBy === null ? null : { key: MIGRATION_DUTY_KEY, from: completeBy };
};

/** The O&M report owed for a budget year is due on the policy date of that year (a policy choice). */
export const omDueDate = (year: number, policy: { operationsReportDue: string }) =>
  `${year}-${policy.operationsReportDue}`;

/** The first budget year a project owes a report for: the first policy date after acceptance. */
export const firstOmYear = (acceptedOn: string, policy: { operationsReportDue: string }) => {
  const year = Number(acceptedOn.slice(0, 4));
  return acceptedOn < omDueDate(year, policy) ? year : year + 1;
};

/**
 * What a year's O&M report finds (ART07: not on the government cloud, not sharing data or not
 * collaborating as declared → no O&M funds; ART26: a system still off the government cloud).
 * An O&M project still within its approved migration plan (`on` no later than its completeBy) is
 * migrating as required: off the cloud it is an ART26 finding, not yet ART07's cut of its funds.
 */
export const operationsFindings = (
  report: OperationsReportInput,
  project: Pick<Project, 'deployment' | 'constructionType'>,
  on: string,
): { code: 'ART07-OM-FUNDING' | 'ART26-GOV-CLOUD'; failed: string[] }[] => {
  const deadline = migrationDeadline(project);
  const migratingAsPlanned = deadline !== null && on <= deadline.from;
  const failed = (['onGovCloud', 'dataSharedAsDeclared', 'collaboratingAsDeclared'] as const).filter(
    (f) => !report[f] && !(f === 'onGovCloud' && migratingAsPlanned),
  );
  return [
    ...(failed.length > 0 ? [{ code: 'ART07-OM-FUNDING' as const, failed }] : []),
    ...(!report.onGovCloud && project.deployment.target !== 'gov-cloud'
      ? [{ code: 'ART26-GOV-CLOUD' as const, failed: ['onGovCloud'] }]
      : []),
  ];
};

export const ACCOUNTABILITY_KINDS = [
  'serious-overrun',
  'poor-quality',
  'loss-waste',
  'security-incident',
  'misappropriation',
  'improper-om-funding',
] as const;

/** ART33, ART34: an accountability record by the Audit Bureau, the Data Bureau or the Finance Bureau. */
export const AccountabilityInputSchema = z
  .object({
    kind: z.enum(ACCOUNTABILITY_KINDS),
    finding: multiLine(10_000),
    sanction: multiLine(4000).optional(),
    documentId: documentId.optional(),
  })
  .strict();
export const AccountabilityRecordSchema = AccountabilityInputSchema.extend({
  id: z.string(),
  projectId: z.string(),
  ownerDeptId: z.string(),
  ...Recorded,
});
export type AccountabilityRecord = z.infer<typeof AccountabilityRecordSchema>;
