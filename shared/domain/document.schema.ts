import * as z from 'zod';

/** Every document kind of a project's life (API.md); the lifecycle says who attaches which, when. */
export const DOCUMENT_KINDS = [
  // declaration and approval
  'collective-decision',
  'construction-plan',
  'expert-opinion',
  'internal-compliance-review',
  'risk-assessment',
  'tech-review-opinion',
  'project-approval-reply',
  'budget-approval',
  'emergency-decision',
  // procurement and construction
  'procurement-plan',
  'procurement-notice',
  'contract',
  'qualification-review',
  'confidentiality-agreement',
  'staff-confidentiality',
  'milestone-report',
  'change-description',
  'mlps-filing',
  'security-assessment',
  'crypto-assessment',
  // acceptance, operations, decommissioning
  'preliminary-acceptance-report',
  'software-test-report',
  'resource-sharing-catalogue',
  'data-landing-report',
  'tech-acceptance-opinion',
  'completion-acceptance-report',
  'acceptance-report',
  'self-evaluation',
  'operations-evidence',
  'decommission-expert-opinion',
  'decommission-decision',
  'disposal-report',
  'accountability-evidence',
] as const;
export const DocumentKindSchema = z.enum(DOCUMENT_KINDS);
export type DocumentKind = z.infer<typeof DocumentKindSchema>;

/**
 * The content types a document may declare, each with the file-name extensions that agree with it
 * (case aside). The first is the one a download is saved under: a file is served as what it was
 * verified to be, never as what its name says (a PDF polyglot named `report.html` saves as
 * `report.pdf`).
 */
export const CONTENT_TYPES = {
  'application/pdf': ['pdf'],
  'application/ofd': ['ofd'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'application/zip': ['zip'],
} as const satisfies Record<string, readonly [string, ...string[]]>;
export type ContentType = keyof typeof CONTENT_TYPES;

const isContentType = (value: string): value is ContentType => Object.hasOwn(CONTENT_TYPES, value);

/** The extension of a file name, lower-cased, without its dot: `报告.PDF` → `pdf`; none for `README` or `.pdf`. */
export const extensionOf = (fileName: string): string | undefined => {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 && dot < fileName.length - 1 ? fileName.slice(dot + 1).toLowerCase() : undefined;
};

/** Whether a file's name agrees with the content type it is declared as. */
export const extensionAgrees = (fileName: string, contentType: string): boolean => {
  const extension = extensionOf(fileName);
  return (
    isContentType(contentType) &&
    extension !== undefined &&
    (CONTENT_TYPES[contentType] as readonly string[]).includes(extension)
  );
};

/** The name a verified document is saved under: its own when it agrees with its type, else with the type's extension. */
export const downloadName = (fileName: string, contentType: string): string => {
  if (!isContentType(contentType) || extensionAgrees(fileName, contentType)) return fileName;
  const dot = fileName.lastIndexOf('.');
  const base = dot > 0 ? fileName.slice(0, dot) : fileName;
  return `${base}.${CONTENT_TYPES[contentType][0]}`;
};

export const DocumentStatusSchema = z.enum(['pending', 'verified', 'rejected']);

export const DocumentSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  kind: DocumentKindSchema,
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int().positive(),
  sha256: z.string(),
  status: DocumentStatusSchema,
  rejectionReason: z.string().nullable(),
  versionId: z.string().nullable(),
  uploadedBy: z.string(),
  createdAt: z.string(),
  verifiedAt: z.string().nullable(),
  /** The review task this opinion belongs to, for reviewers' documents. */
  taskId: z.string().nullable(),
});
export type ProjectDocument = z.infer<typeof DocumentSchema>;
