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

export const CONTENT_TYPES = {
  'application/pdf': 'pdf',
  'application/ofd': 'ofd',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'application/zip': 'zip',
} as const;
export type ContentType = keyof typeof CONTENT_TYPES;

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
