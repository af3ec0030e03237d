import * as z from 'zod';
import { DateSchema } from './calendar.ts';
import type { ProjectDocument } from './document.schema.ts';
import { PositiveFenSchema, type Project } from './project.schema.ts';
import { Recorded } from './recorded.ts';
import { singleLine } from './text.ts';
import { type Violation, violation } from './violation.ts';

/** GB 32100-2015: the 31 characters of a unified social credit code, and the weights of its check character. */
const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Whether an 18-character unified social credit code (统一社会信用代码) carries its right check character. */
export const validCreditCode = (code: string): boolean => {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  const sum = CREDIT_CODE_WEIGHTS.reduce(
    (total, weight, i) => total + CREDIT_CODE_CHARS.indexOf(code[i] ?? '') * weight,
    0,
  );
  const check = (31 - (sum % 31)) % 31;
  return code[17] === CREDIT_CODE_CHARS[check];
};

export const CreditCodeSchema = z
  .string()
  .refine(validCreditCode, '18 characters (GB 32100-2015) with the right check character')
  .describe('Unified social credit code (统一社会信用代码, GB 32100-2015)');

const text = singleLine;
const documentId = z.string().min(1).max(64);

export const PROCUREMENT_METHODS = [
  'public-tender',
  'invited-tender',
  'competitive-negotiation',
  'competitive-consultation',
  'single-source',
  'inquiry',
  'framework-agreement',
] as const;

export const QUALIFICATION_KINDS = [
  'it-construction',
  'it-supervision',
  'security-integration',
  'it-service',
  'other',
] as const;

/** What a subcontractor does (ART18: subcontracting to a party without the qualification for it is refused). */
export const SUBCONTRACT_SCOPES = ['it-construction', 'it-supervision', 'it-service'] as const;

/** API.md § Bounds: at most 20 qualifications per party, 20 required qualifications, 20 subcontractors. */
export const QualificationSchema = z
  .object({ kind: z.enum(QUALIFICATION_KINDS), name: text(100), certificateNo: text(60) })
  .strict();

export const ProcurementPlanInputSchema = z
  .object({
    planDocumentId: documentId,
    budgetFen: PositiveFenSchema,
    method: z.enum(PROCUREMENT_METHODS),
    requiredQualifications: z
      .array(z.object({ name: text(200), classified: z.boolean() }).strict())
      .max(20)
      .default([]),
  })
  .strict();
export type ProcurementPlanInput = z.infer<typeof ProcurementPlanInputSchema>;

/** Where the notice is published: a web address (`https:` or `http:`), never a script or a file scheme. */
const NoticeUrlSchema = z
  .url({ protocol: /^https?$/, error: 'an https: or http: address' })
  .max(2000)
  .describe('The published notice, an https: or http: address');

export const ProcurementNoticeInputSchema = z
  .object({ noticeDocumentId: documentId, publishedOn: DateSchema, url: NoticeUrlSchema.optional() })
  .strict();

export const ImplementationInputSchema = z
  .object({
    implementingBody: text(200),
    responsiblePerson: z.object({ name: text(100), title: text(100), phone: text(40) }).strict(),
  })
  .strict();

/** Who recorded a record, and when: every phase record carries it (ART33). */

export const ProcurementPlanSchema = ProcurementPlanInputSchema.extend({
  id: z.string(),
  projectId: z.string(),
  ...Recorded,
});
export type ProcurementPlan = z.infer<typeof ProcurementPlanSchema>;
export const ProcurementNoticeSchema = ProcurementNoticeInputSchema.extend({
  id: z.string(),
  projectId: z.string(),
  ...Recorded,
});
export const ImplementationSchema = ImplementationInputSchema.extend({
  id: z.string(),
  projectId: z.string(),
  ...Recorded,
});

type Verified = (id: string | undefined, kind: ProjectDocument['kind']) => boolean;

/**
 * A procurement plan (ART16, 17, 18): its budget within the approved budget, or the approved
 * estimate where there was no finance review; no classified qualification demanded of a
 * non-classified project (every project here is non-classified: ART02); its plan verified.
 */
export const procurementPlanViolations = (
  plan: ProcurementPlanInput,
  project: Pick<
    Project,
    'approvedBudgetFen' | 'approvedEstimateFen' | 'totalInvestmentFen' | 'classified' | 'emergency'
  >,
  verified: Verified,
): Violation[] => {
  const found: Violation[] = [];
  if (!verified(plan.planDocumentId, 'procurement-plan')) {
    found.push(violation('ART16-PROCUREMENT-PLAN', 'planDocumentId', 'Name a verified procurement-plan document.'));
  }
  // Before approval (an emergency building, ART15) the total declared when building started, never a later edit.
  const ceiling =
    project.approvedBudgetFen ??
    project.approvedEstimateFen ??
    project.emergency?.declaredTotalFen ??
    project.totalInvestmentFen;
  if (plan.budgetFen > ceiling) {
    found.push(
      violation(
        'ART17-WITHIN-BUDGET',
        'budgetFen',
        `${plan.budgetFen} fen exceeds the ${project.approvedBudgetFen !== null ? 'approved budget' : project.approvedEstimateFen !== null ? 'approved estimate' : 'total declared when building started'} of ${ceiling} fen.`,
      ),
    );
  }
  plan.requiredQualifications.forEach((required, i) => {
    if (required.classified && !project.classified) {
      found.push(
        violation(
          'ART18-QUALIFICATION',
          `requiredQualifications.${i}.classified`,
          'A non-classified project may not require classified-work qualifications.',
        ),
      );
    }
  });
  return found;
};
