import * as z from 'zod';
import { DateSchema } from './calendar.ts';
import { type Assets, type SecurityDrill, type SecurityRecord, securityGate } from './construction.ts';
import type { ProjectDocument } from './document.schema.ts';
import type { Project } from './project.schema.ts';
import { Recorded } from './recorded.ts';
import { multiLine, singleLine } from './text.ts';
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

/** ART21 before acceptance completes: the asset register is on record, every item with its registration number. */
export const assetGate = (assets: Assets | undefined): Violation[] => {
  if (!assets) return [violation('ART21-ASSETS', 'assets', 'The assets the project formed are not on record.')];
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
export const omDutyKey = (year: number) => `om-${year}`;
export const omReportKey = (year: number) => `report-${year}`;

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
 */
export const operationsFindings = (
  report: OperationsReportInput,
  project: Pick<Project, 'deployment'>,
): { code: 'ART07-OM-FUNDING' | 'ART26-GOV-CLOUD'; failed: string[] }[] => {
  const failed = (['onGovCloud', 'dataSharedAsDeclared', 'collaboratingAsDeclared'] as const).filter((f) => !report[f]);
  return [
    ...(failed.length > 0 ? [{ code: 'ART07-OM-FUNDING' as const, failed }] : []),
    ...(!report.onGovCloud && project.deployment.target !== 'gov-cloud'
      ? [{ code: 'ART26-GOV-CLOUD' as const, failed: ['onGovCloud'] }]
      : []),
  ];
};

/** ART32: decommissioning, on expert argument and then a collective decision. */
export const DecommissionInputSchema = z
  .object({
    reason: multiLine(4000),
    expertOpinionDocumentId: documentId,
    collectiveDecisionDocumentId: documentId,
  })
  .strict();
export type DecommissionInput = z.infer<typeof DecommissionInputSchema>;

/** ART32-DECOMMISSION: both documents verified, and the collective decision taken after the expert opinion. */
export const decommissionViolations = (
  input: DecommissionInput,
  documents: readonly ProjectDocument[],
): Violation[] => {
  const find = (id: string, kind: ProjectDocument['kind']) =>
    documents.find((d) => d.id === id && d.kind === kind && d.status === 'verified');
  const opinion = find(input.expertOpinionDocumentId, 'decommission-expert-opinion');
  const decision = find(input.collectiveDecisionDocumentId, 'decommission-decision');
  return [
    ...(opinion
      ? []
      : [violation('ART32-DECOMMISSION', 'expertOpinionDocumentId', 'Name the verified expert opinion.')]),
    ...(decision
      ? []
      : [violation('ART32-DECOMMISSION', 'collectiveDecisionDocumentId', 'Name the verified collective decision.')]),
    ...(opinion && decision && (decision.verifiedAt ?? '') <= (opinion.verifiedAt ?? '')
      ? [
          violation(
            'ART32-DECOMMISSION',
            'collectiveDecisionDocumentId',
            'The collective decision follows the expert argument: it arrived before the opinion.',
          ),
        ]
      : []),
  ];
};

export const DISPOSALS = ['transfer', 'reuse', 'auction', 'scrap'] as const;

/** API.md § Bounds: as many disposals as assets (200). */
export const DisposalReportInputSchema = z
  .object({
    documentId,
    assets: z
      .array(
        z
          .object({
            registrationNo: singleLine(100),
            disposal: z.enum(DISPOSALS),
            disposedOn: DateSchema,
          })
          .strict(),
      )
      .max(200),
  })
  .strict();
export type DisposalReportInput = z.infer<typeof DisposalReportInputSchema>;
export const DisposalReportSchema = DisposalReportInputSchema.extend({
  id: z.string(),
  projectId: z.string(),
  ...Recorded,
});

/** ART32-DISPOSAL-REPORT: every asset registered under ART21 accounted for, each one missing named. */
export const disposalViolations = (
  report: DisposalReportInput,
  assets: Assets | undefined,
  documentVerified: boolean,
): Violation[] => {
  const accounted = new Set(report.assets.map((a) => a.registrationNo));
  const missing = (assets?.items ?? []).filter((item) => item.registrationNo && !accounted.has(item.registrationNo));
  return [
    ...(documentVerified
      ? []
      : [violation('ART32-DISPOSAL-REPORT', 'documentId', 'Name the verified disposal report.')]),
    ...missing.map((item) =>
      violation('ART32-DISPOSAL-REPORT', 'assets', `${item.name} (${item.registrationNo}) is not accounted for.`),
    ),
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
