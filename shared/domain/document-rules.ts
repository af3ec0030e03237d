import * as z from 'zod';
import {
  CONTENT_TYPES,
  type ContentType,
  type DocumentKind,
  DocumentKindSchema,
  extensionAgrees,
  type ProjectDocument,
} from './document.schema.ts';
import { ForbiddenError, PayloadTooLargeError } from './errors.ts';
import type { Policy } from './policy.ts';
import type { Project } from './project.schema.ts';
import { mayDecide, type StoredTask } from './review.ts';
import { REVIEWS } from './review-catalogue.ts';
import { type Actor, DEPARTMENT_ROLES, hasAnyRole, type Role } from './roles.ts';
import { ownerMayAttach } from './stages.ts';
import { singleLine } from './text.ts';

/** Any Unicode file name, as metadata only: one line of text, no path separators. */
export const FileNameSchema = singleLine(255).refine((name) => !/[/\\]/.test(name), 'no path separators');

export const DocumentRequestSchema = z
  .object({
    kind: DocumentKindSchema,
    fileName: FileNameSchema,
    contentType: z.enum(Object.keys(CONTENT_TYPES) as [ContentType, ...ContentType[]]),
    sizeBytes: z.number().int().positive(),
    sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, '64 hexadecimal characters'),
  })
  .strict()
  .superRefine((request, context) => {
    // A name that says one type and a declaration that says another is how a polyglot gets through.
    // (Judged only on a file name and a content type that are themselves sound.)
    const unsound = context.issues.some((issue) => ['fileName', 'contentType'].includes(String(issue.path?.[0])));
    if (!unsound && !extensionAgrees(request.fileName, request.contentType)) {
      context.addIssue({
        code: 'custom',
        path: ['fileName'],
        message: `The file name must end in .${CONTENT_TYPES[request.contentType].join(' or .')} for ${request.contentType}.`,
      });
    }
  });
export type DocumentRequest = z.infer<typeof DocumentRequestSchema>;

/** Who records accountability (ART33, ART34) and may attach its evidence, whatever the stage. */
export const ACCOUNTABILITY_ROLES: readonly Role[] = ['audit', 'data-bureau', 'finance'];

/** Presigned uploads are valid this long (API.md: 15 minutes). */
export const UPLOAD_SECONDS = 15 * 60;

/**
 * A document still pending well after its presigned URL expired (with time for verification on
 * arrival) will never arrive: its upload was abandoned, and the file must be uploaded again.
 */
export const uploadAbandoned = (document: Pick<ProjectDocument, 'status' | 'createdAt'>, now: Date): boolean =>
  document.status === 'pending' && now.getTime() > Date.parse(document.createdAt) + (UPLOAD_SECONDS + 5 * 60) * 1000;

type Attachable = Pick<Project, 'ownerDeptId' | 'stage'>;

/**
 * Whether `actor` may attach a document of `kind` to `project` now, and to which review task it
 * belongs: a reviewer the opinion of a review it holds open and may decide (ART04: whoever may
 * not decide a review does not author its opinion either); the owner department what the
 * lifecycle allows in the project's stage; the accountability bodies their evidence. Then the
 * size policy.
 */
export const checkDocumentRequest = (
  actor: Actor,
  project: Attachable,
  request: DocumentRequest,
  openTasks: readonly StoredTask[],
  policy: Pick<Policy, 'maxDocumentBytes'>,
  /** An emergency project building while it owes ART15 duties keeps its procurement papers open (ART15). */
  options: { emergencyBuilding: boolean } = { emergencyBuilding: false },
): { kind: DocumentKind; taskId: string | null } => {
  const kind = request.kind;
  // Who may attach comes first: someone who may not act learns nothing from the size check.
  const allowed = (taskId: string | null) => {
    if (request.sizeBytes > policy.maxDocumentBytes) {
      throw new PayloadTooLargeError(`Documents are limited to ${policy.maxDocumentBytes} bytes.`);
    }
    return { kind, taskId };
  };
  const reviewing = openTasks.find(
    (task) => task.status === 'open' && REVIEWS[task.kind].opinion === kind && mayDecide(actor, task),
  );
  if (reviewing) return allowed(reviewing.id);
  const owner = actor.deptId === project.ownerDeptId && hasAnyRole(actor, DEPARTMENT_ROLES);
  if (owner && ownerMayAttach(project.stage, kind, options)) {
    return allowed(null);
  }
  if (kind === 'accountability-evidence' && hasAnyRole(actor, ACCOUNTABILITY_ROLES)) return allowed(null);
  throw new ForbiddenError(`You may not attach a ${kind} document to this project at stage ${project.stage}.`);
};

/**
 * What the bytes must be, by declared content type (magic bytes, via file-type). OFD, DOCX
 * and XLSX are ZIP containers, which is all a short sniff may see of them.
 */
export const ACCEPTED_DETECTIONS: Record<string, readonly string[]> = {
  'application/pdf': ['application/pdf'],
  'application/ofd': ['application/zip'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': [
    'application/zip',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': [
    'application/zip',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ],
  'image/png': ['image/png'],
  'image/jpeg': ['image/jpeg'],
  'application/zip': ['application/zip'],
};

/** The verdict on an arrived object: null when sound, else why it is rejected. */
export const arrivalVerdict = (
  declared: { sizeBytes: number; sha256: string; contentType: string },
  actual: { sizeBytes: number; sha256: string; detectedMime: string | undefined },
): string | null => {
  if (actual.sizeBytes !== declared.sizeBytes) {
    return `size ${actual.sizeBytes} bytes, declared ${declared.sizeBytes}`;
  }
  if (actual.sha256 !== declared.sha256.toLowerCase()) return 'SHA-256 differs from the declared hash';
  const accepted = ACCEPTED_DETECTIONS[declared.contentType] ?? [];
  if (!actual.detectedMime || !accepted.includes(actual.detectedMime)) {
    return `content is ${actual.detectedMime ?? 'unrecognised'}, declared ${declared.contentType}`;
  }
  return null;
};
