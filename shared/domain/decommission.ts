import * as z from 'zod';
import { DateSchema } from './calendar.ts';
import type { Assets } from './construction.ts';
import type { ProjectDocument } from './document.schema.ts';
import { Recorded } from './recorded.ts';
import { multiLine, singleLine } from './text.ts';
import { type Violation, violation } from './violation.ts';

/**
 * The end of a project's life (ART32): decommissioning on an expert argument and then a
 * collective decision, and within 30 days the report of how each registered asset (ART21) was
 * disposed of, with the supplements that settle what it left pending.
 */

const documentId = z.string().min(1).max(64);

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
/** Not yet disposed of: the report is a 情况说明 within 30 days, not a finished disposal (ART32). */
export const PENDING = 'pending';

/**
 * One asset in a disposal report: `{ registrationNo, disposal, disposedOn }` once disposed of, or
 * `{ registrationNo, disposal: "pending", expectedOn }` while it is not (settled later by a
 * supplement). One object with a rule rather than a union, so the console draws its form.
 */
const DisposedAssetFields = z
  .object({
    registrationNo: singleLine(100),
    disposal: z.enum([...DISPOSALS, PENDING]),
    disposedOn: DateSchema.optional(),
    expectedOn: DateSchema.optional(),
  })
  .strict();
const DisposedAssetSchema = DisposedAssetFields.superRefine((asset, ctx) => {
  const pending = asset.disposal === PENDING;
  if (!pending && asset.disposedOn === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['disposedOn'],
      message: 'A disposed asset states when it was disposed of',
    });
  }
  if (pending && asset.expectedOn === undefined) {
    ctx.addIssue({ code: 'custom', path: ['expectedOn'], message: 'A pending disposal states when it is expected' });
  }
  if (pending && asset.disposedOn !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['disposedOn'], message: 'A pending disposal has no disposal date yet' });
  }
  if (!pending && asset.expectedOn !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['expectedOn'],
      message: 'Only a pending disposal states an expected date',
    });
  }
});
export type DisposedAsset = z.infer<typeof DisposedAssetSchema>;

/** API.md § Bounds: as many disposals as assets (200). */
export const DisposalReportInputSchema = z
  .object({
    documentId,
    assets: z.array(DisposedAssetSchema).max(200),
  })
  .strict();
export type DisposalReportInput = z.infer<typeof DisposalReportInputSchema>;
/** As stored: the shape of each asset, its pairing of dates checked when it was filed. */
export const DisposalReportSchema = DisposalReportInputSchema.extend({
  assets: z.array(DisposedAssetFields).max(200),
  id: z.string(),
  projectId: z.string(),
  /**
   * Each later settlement of pending disposals: its document and how many it settled (which ones
   * is on the assets above and in the audit event), so the report stays one item of the store.
   */
  supplements: z
    .array(z.object({ documentId, settled: z.number().int().min(1).max(200), ...Recorded }))
    .max(200)
    .default([]),
  ...Recorded,
});
export type DisposalReport = z.infer<typeof DisposalReportSchema>;

/** A later settlement of disposals the report left pending (ART32). */
export const DisposalSupplementInputSchema = z
  .object({
    documentId,
    assets: z
      .array(
        z.object({ registrationNo: singleLine(100), disposal: z.enum(DISPOSALS), disposedOn: DateSchema }).strict(),
      )
      .min(1)
      .max(200),
  })
  .strict();
export type DisposalSupplementInput = z.infer<typeof DisposalSupplementInputSchema>;

/**
 * Each asset of a disposal is one the project registered (ART21), named once, and disposed of
 * after the decommissioning was filed (停用备案之后), each fault named by its path.
 */
const disposalEntryViolations = (
  entries: readonly { registrationNo: string; disposedOn?: string | undefined }[],
  known: ReadonlySet<string>,
  decommissionedOn: string | null,
): Violation[] => {
  const seen = new Set<string>();
  return entries.flatMap((entry, i) => {
    const found: Violation[] = [];
    if (!known.has(entry.registrationNo)) {
      found.push(
        violation(
          'ART32-DISPOSAL-REPORT',
          `assets.${i}.registrationNo`,
          `${entry.registrationNo} is not a registered asset of the project.`,
          `：${entry.registrationNo} 不是本项目登记的资产`,
        ),
      );
    } else if (seen.has(entry.registrationNo)) {
      found.push(
        violation(
          'ART32-DISPOSAL-REPORT',
          `assets.${i}.registrationNo`,
          `${entry.registrationNo} is named twice.`,
          `：${entry.registrationNo} 重复填报`,
        ),
      );
    }
    seen.add(entry.registrationNo);
    if (entry.disposedOn !== undefined && decommissionedOn !== null && entry.disposedOn < decommissionedOn) {
      found.push(
        violation(
          'ART32-DISPOSAL-REPORT',
          `assets.${i}.disposedOn`,
          `Disposed of on ${entry.disposedOn}, before the decommissioning was filed (${decommissionedOn}).`,
          `：处置日期 ${entry.disposedOn} 早于停用备案日期 ${decommissionedOn}`,
        ),
      );
    }
    return found;
  });
};

const registered = (assets: Assets | undefined) =>
  new Set((assets?.items ?? []).flatMap((item) => (item.registrationNo ? [item.registrationNo] : [])));

/**
 * ART32-DISPOSAL-REPORT: every asset registered under ART21 accounted for (disposed of or
 * pending), each one missing named; each named one registered, once, disposed of after the
 * decommissioning.
 */
export const disposalViolations = (
  report: DisposalReportInput,
  assets: Assets | undefined,
  documentVerified: boolean,
  decommissionedOn: string | null = null,
): Violation[] => {
  const accounted = new Set(report.assets.map((a) => a.registrationNo));
  const missing = (assets?.items ?? []).filter((item) => item.registrationNo && !accounted.has(item.registrationNo));
  return [
    ...(documentVerified
      ? []
      : [violation('ART32-DISPOSAL-REPORT', 'documentId', 'Name the verified disposal report.')]),
    ...disposalEntryViolations(report.assets, registered(assets), decommissionedOn),
    ...missing.map((item) =>
      violation('ART32-DISPOSAL-REPORT', 'assets', `${item.name} (${item.registrationNo}) is not accounted for.`),
    ),
  ];
};

/** ART32: a supplement settles disposals the report left pending, each once, after the decommissioning. */
export const supplementViolations = (
  supplement: DisposalSupplementInput,
  report: Pick<DisposalReport, 'assets'>,
  documentVerified: boolean,
  decommissionedOn: string | null,
): Violation[] => {
  const pending = new Set(report.assets.filter((a) => a.disposal === PENDING).map((a) => a.registrationNo));
  return [
    ...(documentVerified
      ? []
      : [violation('ART32-DISPOSAL-REPORT', 'documentId', 'Name the verified disposal report of the supplement.')]),
    ...disposalEntryViolations(supplement.assets, pending, decommissionedOn),
  ];
};
