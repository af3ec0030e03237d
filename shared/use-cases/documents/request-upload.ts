import { randomUUID } from 'node:crypto';
import type { ProjectDocument } from '#shared/domain/document.schema.ts';
import { checkDocumentRequest, type DocumentRequest } from '#shared/domain/document-rules.ts';
import { ConflictError } from '#shared/domain/errors.ts';
import { REVIEW_KINDS } from '#shared/domain/project.schema.ts';
import { taskId } from '#shared/domain/review.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { objectKey } from '#shared/store/document-objects.ts';
import type { TransactItem } from '#shared/store/transactions.ts';
import type { Deps } from '../deps.ts';
import { idempotent } from '../idempotent.ts';
import { loadVisible } from '../projects/project-access.ts';
import { retryOnConflict } from '../retry.ts';

/** Presigned uploads are valid this long (API: 15 minutes). */
const UPLOAD_SECONDS = 15 * 60;

/**
 * Records a pending document and issues the one presigned PUT for it. Nothing passes through a
 * function's body: the browser uploads straight to S3, and the object is verified on arrival.
 */
export const requestUpload = async (
  input: { projectId: string; actor: Actor; request: DocumentRequest; idempotencyKey?: string | undefined },
  deps: Pick<Deps, 'projects' | 'documents' | 'objects' | 'tasks' | 'idempotency' | 'policy' | 'now'>,
) => {
  const { actor, request } = input;
  const idempotency = {
    actor,
    scope: 'request-upload',
    key: input.idempotencyKey,
    request: { projectId: input.projectId, ...request },
  };
  // A lost race is tried again, unless it was lost to the same key.
  const created = await idempotent<ProjectDocument>(idempotency, deps, (remember, replay) =>
    retryOnConflict(async () => (await replay()) ?? declare(input, deps, remember)),
  );
  // A retry answers the same document with a fresh URL (a signature is never stored), while the
  // document still waits for its bytes: read it again, its remembered status may be stale.
  const document =
    input.idempotencyKey === undefined ? created : await deps.documents.get(created.projectId, created.id);
  if (document?.status !== 'pending') {
    throw new ConflictError(`This document was already uploaded and is ${document?.status ?? 'gone'}.`);
  }
  const expiresAt = new Date(deps.now().getTime() + UPLOAD_SECONDS * 1000).toISOString();
  const upload = await deps.objects.presignUpload({
    key: objectKey(document.projectId, document.kind, document.id),
    contentType: document.contentType,
    sizeBytes: document.sizeBytes,
    sha256: document.sha256,
    expiresIn: UPLOAD_SECONDS,
  });
  return { document, upload: { method: 'PUT' as const, url: upload.url, headers: upload.headers, expiresAt } };
};

/** Checks the request against the project's stage and the caller's reviews, and records the pending document. */
const declare = async (
  input: { projectId: string; actor: Actor; request: DocumentRequest },
  deps: Pick<Deps, 'projects' | 'tasks' | 'documents' | 'policy' | 'now'>,
  remember: (document: ProjectDocument) => TransactItem[],
): Promise<ProjectDocument> => {
  const { actor, request } = input;
  const project = await loadVisible(input.projectId, actor, deps);
  const tasks =
    project.submissions > 0
      ? await Promise.all(REVIEW_KINDS.map((kind) => deps.tasks.get(taskId(project.id, project.submissions, kind))))
      : [];
  const kind = checkDocumentRequest(
    actor,
    project,
    request,
    tasks.filter((t) => t !== undefined),
    deps.policy,
  );
  const at = deps.now().toISOString();
  const openTask = tasks.find((t) => t?.status === 'open' && actor.roles.includes(t.role as never));
  const document: ProjectDocument = {
    id: randomUUID(),
    projectId: project.id,
    kind,
    fileName: request.fileName,
    contentType: request.contentType,
    sizeBytes: request.sizeBytes,
    sha256: request.sha256.toLowerCase(),
    status: 'pending',
    rejectionReason: null,
    versionId: null,
    uploadedBy: actor.sub,
    createdAt: at,
    verifiedAt: null,
    taskId: openTask?.id ?? null,
  };
  await deps.projects.save({
    project,
    at,
    actor,
    action: 'document.requested',
    details: {
      documentId: document.id,
      kind,
      fileName: document.fileName,
      sizeBytes: document.sizeBytes,
      sha256: document.sha256,
    },
    with: [deps.documents.put(document), ...remember(document)],
  });
  return document;
};
