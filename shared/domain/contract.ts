import * as z from 'zod';
import { DateSchema } from './calendar.ts';
import type { ProjectDocument } from './document.schema.ts';
import {
  CreditCodeSchema,
  type ProcurementPlan,
  type ProcurementPlanInput,
  procurementPlanViolations,
  QualificationSchema,
  SUBCONTRACT_SCOPES,
} from './procurement.ts';
import { PositiveFenSchema } from './project.schema.ts';
import { Recorded } from './recorded.ts';
import { singleLine } from './text.ts';
import { type Violation, violation } from './violation.ts';

/**
 * The contracts of a project's procurement (ART16–18, 23, 25): who builds and who supervises,
 * within the procurement budget, qualified, not transferred whole, with the confidentiality
 * agreements; and what must be contracted before construction starts. The plan and the notice
 * that come before them are procurement.ts.
 */

const text = singleLine;
const documentId = z.string().min(1).max(64);
type Verified = (id: string | undefined, kind: ProjectDocument['kind']) => boolean;

export const CONTRACT_KINDS = ['construction', 'supervision'] as const;

const subcontractor = {
  name: text(200),
  creditCode: CreditCodeSchema,
  qualifications: z.array(QualificationSchema).max(20),
  scope: text(500),
};
/** A subcontractor states the kind of work it takes on, and holds a qualification of that kind (ART18). */
const SubcontractorSchema = z.object({ ...subcontractor, scopeKind: z.enum(SUBCONTRACT_SCOPES) }).strict();
/** As stored: contracts recorded before `scopeKind` was asked carry none. */
const StoredSubcontractorSchema = z
  .object({ ...subcontractor, scopeKind: z.enum(SUBCONTRACT_SCOPES).optional() })
  .strict();

export const ContractInputSchema = z
  .object({
    kind: z.enum(CONTRACT_KINDS),
    vendor: z
      .object({ name: text(200), creditCode: CreditCodeSchema, qualifications: z.array(QualificationSchema).max(20) })
      .strict(),
    amountFen: PositiveFenSchema,
    signedOn: DateSchema,
    contractDocumentId: documentId,
    qualificationReviewDocumentId: documentId,
    wholeTransfer: z.boolean(),
    subcontractors: z.array(SubcontractorSchema).max(20).default([]),
    confidentialityAgreementDocumentId: documentId.optional(),
    staffConfidentialityDocumentId: documentId.optional(),
  })
  .strict();
export type ContractInput = z.infer<typeof ContractInputSchema>;

export const ContractSchema = ContractInputSchema.extend({
  subcontractors: z.array(StoredSubcontractorSchema).max(20).default([]),
  id: z.string(),
  projectId: z.string(),
  ...Recorded,
});
export type Contract = z.infer<typeof ContractSchema>;

/**
 * A contract (ART16, 17, 18, 23, 25): a plan filed and a notice published before it; all
 * contracts together within the procurement budget (the budget itself allowed, exact fen); a
 * verified qualification review; a construction vendor holding every qualification the plan
 * requires (by name), a supervision vendor an `it-supervision` one; no whole transfer and no
 * unqualified subcontractor; its documents verified.
 */
export const contractViolations = (
  contract: ContractInput,
  context: {
    plan: ProcurementPlan | undefined;
    noticePublished: boolean;
    /** When each notice was published: a contract is signed after procurement is announced (ART16). */
    noticesPublishedOn: readonly string[];
    contracted: readonly Pick<Contract, 'amountFen'>[];
    /** Finance's approved budget, which a procurement budget filed before it may now exceed (ART14, ART17). */
    approvedBudgetFen: number | null;
    verified: Verified;
  },
): Violation[] => {
  const { plan, verified } = context;
  const found: Violation[] = [];
  if (!plan) found.push(violation('ART16-PROCUREMENT-PLAN', 'plan', 'File the procurement plan first.'));
  if (!context.noticePublished) {
    found.push(violation('ART16-PROCUREMENT-PLAN', 'notice', 'Publish the procurement notice first.'));
  }
  if (plan) {
    const total = contractedFen(context.contracted) + BigInt(contract.amountFen);
    const { ceilingFen, of } = contractCeiling(plan, context.approvedBudgetFen);
    if (total > BigInt(ceilingFen)) {
      found.push(
        violation(
          'ART17-WITHIN-BUDGET',
          'amountFen',
          `All contracts together would come to ${total} fen, above the ${of} of ${ceilingFen} fen.`,
          `：全部合同合计 ${total} 分，超出${of === 'approved budget' ? '批复预算' : '采购预算'} ${ceilingFen} 分`,
        ),
      );
    }
  }
  if (!verified(contract.contractDocumentId, 'contract')) {
    found.push(violation('ART16-PROCUREMENT-PLAN', 'contractDocumentId', 'Name the verified signed contract.'));
  }
  if (!verified(contract.qualificationReviewDocumentId, 'qualification-review')) {
    found.push(
      violation('ART18-QUALIFICATION', 'qualificationReviewDocumentId', 'Name the verified qualification review.'),
    );
  }
  const held = new Set(contract.vendor.qualifications.map((q) => q.name));
  if (contract.kind === 'construction') {
    for (const required of plan?.requiredQualifications ?? []) {
      if (!held.has(required.name)) {
        found.push(
          violation('ART18-QUALIFICATION', 'vendor.qualifications', `The vendor lacks the required ${required.name}.`),
        );
      }
    }
  } else if (!contract.vendor.qualifications.some((q) => q.kind === 'it-supervision')) {
    found.push(
      violation(
        'ART23-SUPERVISION',
        'vendor.qualifications',
        'A supervision vendor holds an it-supervision qualification.',
      ),
    );
  }
  if (contract.wholeTransfer) {
    found.push(violation('ART18-NO-SUBCONTRACT', 'wholeTransfer', 'The contract may not be transferred whole (转包).'));
  }
  contract.subcontractors.forEach((sub, i) => {
    if (sub.qualifications.length === 0) {
      found.push(
        violation('ART18-NO-SUBCONTRACT', `subcontractors.${i}.qualifications`, `${sub.name} holds no qualification.`),
      );
    } else if (!sub.qualifications.some((q) => q.kind === sub.scopeKind)) {
      found.push(
        violation(
          'ART18-QUALIFICATION',
          `subcontractors.${i}.qualifications`,
          `${sub.name} takes on ${sub.scopeKind} work but holds no ${sub.scopeKind} qualification.`,
          `：分包单位${sub.name}承担的工作须具备相应资质`,
        ),
      );
    }
  });
  const firstPublished = context.noticesPublishedOn.reduce<string | undefined>(
    (first, on) => (first === undefined || on < first ? on : first),
    undefined,
  );
  if (firstPublished !== undefined && contract.signedOn < firstPublished) {
    found.push(
      violation(
        'ART16-PROCUREMENT-PLAN',
        'signedOn',
        `Signed on ${contract.signedOn}, before the procurement notice was published (${firstPublished}).`,
        `：合同签订日期 ${contract.signedOn} 早于采购公告发布日期 ${firstPublished}`,
      ),
    );
  }
  for (const [field, kind] of [
    ['confidentialityAgreementDocumentId', 'confidentiality-agreement'],
    ['staffConfidentialityDocumentId', 'staff-confidentiality'],
  ] as const) {
    const id = contract[field];
    if (id !== undefined && !verified(id, kind)) {
      found.push(violation('ART25-CONFIDENTIALITY', field, `Name a verified ${kind} document.`));
    }
  }
  return found;
};

/**
 * An amended procurement plan (ART16, ART17, after an ART22 re-approval): what a plan must be,
 * and a budget no lower than the contracts already signed, which still count against it.
 */
export const amendedPlanViolations = (
  plan: ProcurementPlanInput,
  project: Parameters<typeof procurementPlanViolations>[1],
  contracted: readonly Pick<Contract, 'amountFen'>[],
  verified: Verified,
): Violation[] => {
  const signed = contractedFen(contracted);
  return [
    ...procurementPlanViolations(plan, project, verified),
    ...(BigInt(plan.budgetFen) < signed
      ? [
          violation(
            'ART17-WITHIN-BUDGET',
            'budgetFen',
            `The contracts already signed come to ${signed} fen; the amended budget may not be lower.`,
            `：已签合同合计 ${signed} 分，调整后的采购预算不得低于此数`,
          ),
        ]
      : []),
  ];
};

/** What the contracts signed so far come to, in exact fen. */
export const contractedFen = (contracts: readonly Pick<Contract, 'amountFen'>[]): bigint =>
  contracts.reduce((sum, c) => sum + BigInt(c.amountFen), 0n);

/**
 * ART17: contracts stay within the lower of the procurement plan's budget and the budget Finance
 * approved — a budget approved (or re-approved) after the plan was filed may be the lower one.
 */
export const contractCeiling = (
  plan: Pick<ProcurementPlan, 'budgetFen'>,
  approvedBudgetFen: number | null,
): { ceilingFen: number; of: 'procurement budget' | 'approved budget' } =>
  approvedBudgetFen !== null && approvedBudgetFen < plan.budgetFen
    ? { ceilingFen: approvedBudgetFen, of: 'approved budget' }
    : { ceilingFen: plan.budgetFen, of: 'procurement budget' };

/** A construction contract carries the ART25 agreements with the contractor and its staff. */
export const carriesConfidentiality = (
  contract: Pick<Contract, 'confidentialityAgreementDocumentId' | 'staffConfidentialityDocumentId'>,
) => contract.confidentialityAgreementDocumentId !== undefined && contract.staffConfidentialityDocumentId !== undefined;

/**
 * What must be on record before construction starts (ART17, 19, 23, 25), each missing item with
 * its article and the key of the ART15 duty it becomes for an emergency project.
 */
export const constructionGates = (context: {
  contracts: readonly Contract[];
  implementation: boolean;
}): { violation: Violation; duty: string }[] => {
  const construction = context.contracts.filter((c) => c.kind === 'construction');
  const gates: { violation: Violation; duty: string }[] = [];
  if (construction.length === 0) {
    gates.push({
      violation: violation('ART17-NO-BUILD-BEFORE-TENDER', 'contracts', 'No construction contract is on record.'),
      duty: 'construction-contract',
    });
  }
  if (!context.implementation) {
    gates.push({
      violation: violation('ART19-RESPONSIBLE', 'implementation', 'Name the implementing body and responsible person.'),
      duty: 'implementation',
    });
  }
  if (!context.contracts.some((c) => c.kind === 'supervision')) {
    gates.push({
      violation: violation('ART23-SUPERVISION', 'contracts', 'No supervision contract is on record.'),
      duty: 'supervision-contract',
    });
  }
  if (!construction.some(carriesConfidentiality)) {
    gates.push({
      violation: violation(
        'ART25-CONFIDENTIALITY',
        'contracts',
        'No construction contract carries the confidentiality agreement and the staff commitments.',
      ),
      duty: 'confidentiality',
    });
  }
  return gates;
};
