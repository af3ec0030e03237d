import type { DocumentKind } from './document.schema.ts';
import type { Action } from './lifecycle.ts';
import type { RecordKind } from './phase-records.ts';
import type { RuleCode } from './rules/catalog.ts';
import { type Violation, violation } from './violation.ts';

/**
 * One filing of a project's life after its declaration: the lifecycle action it takes, the rule a
 * missing or unverified document breaks, the documents each of its fields names (by kind), the
 * record it writes and the duty it discharges. The use cases' skeleton (`recordPhase`) and the
 * console's forms both read this row, so a phase's documents are named once.
 */
export interface Phase {
  readonly action: Action | null;
  readonly rule: RuleCode;
  /** Document fields of the body (at its top level or one object down), with the kinds each takes. */
  readonly documents: Readonly<Record<string, readonly DocumentKind[]>>;
  /** The phase record it writes, if any (a budget filing or a sign-off only changes the project). */
  readonly record?: RecordKind;
  /** The record is the project's one of its kind (id `current`), not one of many. */
  readonly single?: true;
  /** The duty the filing fulfils. */
  readonly discharges?: RuleCode;
  /** Offered only while the project owes that duty (a form no one may otherwise use). */
  readonly onlyWhileOwed?: true;
}

export const PHASES = {
  'sign-off': {
    action: 'sign-off',
    rule: 'ART10-HEAD-SIGNOFF',
    documents: { internalReviewDocumentId: ['internal-compliance-review'] },
  },
  // Only a project the Finance Bureau reviewed owes the filing (ART14).
  'budget-filing': {
    action: 'budget-filing',
    rule: 'ART14-BUDGET-FILING',
    documents: { budgetApprovalDocumentId: ['budget-approval'] },
    discharges: 'ART14-BUDGET-FILING',
    onlyWhileOwed: true,
  },
  'procurement-plan': {
    action: 'procurement-plan',
    rule: 'ART16-PROCUREMENT-PLAN',
    documents: { planDocumentId: ['procurement-plan'] },
    record: 'procurement-plan',
    single: true,
  },
  // After a change is re-approved (ART22), the plan is filed again within the new budget.
  'procurement-plan-amendment': {
    action: 'procurement-plan-amendment',
    rule: 'ART16-PROCUREMENT-PLAN',
    documents: { planDocumentId: ['procurement-plan'] },
    record: 'procurement-plan',
    single: true,
  },
  'procurement-notice': {
    action: 'procurement-notice',
    rule: 'ART16-PROCUREMENT-PLAN',
    documents: { noticeDocumentId: ['procurement-notice'] },
    record: 'procurement-notice',
  },
  // For an emergency project building first, a contract answers the ART15 duty it meets.
  contract: {
    action: 'contract',
    rule: 'ART16-PROCUREMENT-PLAN',
    documents: {
      contractDocumentId: ['contract'],
      qualificationReviewDocumentId: ['qualification-review'],
      confidentialityAgreementDocumentId: ['confidentiality-agreement'],
      staffConfidentialityDocumentId: ['staff-confidentiality'],
    },
    record: 'contract',
    discharges: 'ART15-EMERGENCY',
  },
  'emergency-decision': {
    action: 'emergency-decision',
    rule: 'ART15-EMERGENCY',
    documents: { documentId: ['emergency-decision'] },
    discharges: 'ART15-EMERGENCY',
    onlyWhileOwed: true,
  },
  'milestone-report': {
    action: 'milestone',
    rule: 'ART20-BASELINE',
    documents: { reportDocumentId: ['milestone-report'] },
    record: 'milestone-report',
    discharges: 'ART20-BASELINE',
  },
  'security-record': {
    action: 'security-record',
    rule: 'ART24-SECURITY',
    documents: { documentId: ['mlps-filing', 'security-assessment', 'crypto-assessment'] },
    record: 'security-record',
  },
  change: {
    action: 'change',
    rule: 'ART22-CHANGE-FILING',
    documents: {
      descriptionDocumentId: ['change-description'],
      collectiveDecisionDocumentId: ['collective-decision'],
      expertOpinionDocumentId: ['expert-opinion'],
    },
    record: 'change',
  },
  'preliminary-acceptance': {
    action: 'preliminary-acceptance',
    rule: 'ART28-ACCEPTANCE-EVIDENCE',
    documents: {
      reportDocumentId: ['preliminary-acceptance-report'],
      softwareTestReportDocumentId: ['software-test-report'],
      resourceSharingCatalogueDocumentId: ['resource-sharing-catalogue'],
      dataLandingDocumentId: ['data-landing-report'],
    },
    record: 'preliminary-acceptance',
  },
  'acceptance-filing': {
    action: 'acceptance-filing',
    rule: 'ART29-FILING',
    documents: { acceptanceReportDocumentId: ['acceptance-report'] },
  },
  'self-evaluation': {
    action: 'self-evaluation',
    rule: 'ART30-SELF-EVALUATION',
    documents: { documentId: ['self-evaluation'] },
    record: 'self-evaluation',
    discharges: 'ART30-SELF-EVALUATION',
  },
  'operations-report': {
    action: 'operations-report',
    rule: 'ART07-OM-FUNDING',
    documents: { evidenceDocumentId: ['operations-evidence'] },
    record: 'operations-report',
  },
  decommission: {
    action: 'decommission',
    rule: 'ART32-DECOMMISSION',
    documents: {
      expertOpinionDocumentId: ['decommission-expert-opinion'],
      collectiveDecisionDocumentId: ['decommission-decision'],
    },
  },
  'disposal-report': {
    action: 'disposal-report',
    rule: 'ART32-DISPOSAL-REPORT',
    documents: { documentId: ['disposal-report'] },
    record: 'disposal-report',
    discharges: 'ART32-DISPOSAL-REPORT',
  },
  // Disposals the report left pending are settled later, each once (ART32).
  'disposal-supplement': {
    action: 'disposal-report',
    rule: 'ART32-DISPOSAL-REPORT',
    documents: { documentId: ['disposal-report'] },
    record: 'disposal-report',
  },
  // Whatever the stage: the bureaus' findings stand on the project's trail (ART33).
  'accountability-record': {
    action: null,
    rule: 'ART33-RECORDS',
    documents: { documentId: ['accountability-evidence'] },
    record: 'accountability-record',
  },
} as const satisfies Record<string, Phase>;
export type PhaseName = keyof typeof PHASES;

/** The document ids a body names in the phase's document fields, by field (nested evidence included). */
export const phaseDocuments = (phase: Phase, body: object): Record<string, string | undefined> => {
  const nested = Object.values(body).filter((value): value is object => typeof value === 'object' && value !== null);
  const idOf = (field: string): string | undefined => {
    for (const holder of [body, ...nested]) {
      const id = (holder as Record<string, unknown>)[field];
      if (typeof id === 'string') return id;
    }
    return undefined;
  };
  return Object.fromEntries(Object.keys(phase.documents).map((field) => [field, idOf(field)]));
};

/** Whether a document is verified, of a kind and this project's (the skeleton reads them once). */
export type Verified = (id: string | undefined, kind: DocumentKind, after?: string | null) => boolean;

/**
 * A named document that is not a verified one of the field's kind breaks the phase's rule (a field
 * that takes one of several kinds is judged by the phase's own rule, which knows which).
 */
export const unverifiedDocuments = (phase: Phase, body: object, verified: Verified): Violation[] =>
  Object.entries(phaseDocuments(phase, body)).flatMap(([field, id]) => {
    const [kind, ...others] = phase.documents[field] ?? [];
    if (id === undefined || kind === undefined || others.length > 0 || verified(id, kind)) return [];
    return [violation(phase.rule, field, `Name a verified ${kind} document.`)];
  });
