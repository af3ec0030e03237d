import { randomUUID } from 'node:crypto';
import type { ProjectDocument } from '#shared/domain/document.schema.ts';
import { checkDocumentRequest, type DocumentRequest } from '#shared/domain/document-rules.ts';
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
  if (input.idempotencyKey === undefined) return { document: created, upload: await presign(created, deps) };
  // A retry: the caller must still be allowed to attach this kind to this project now. A fresh URL
  // (a signature is never stored) only while the document still waits for its bytes.
  await permitted(input, deps);
  const document = (await deps.documents.get(created.projectId, created.id)) ?? created;
  return { document, upload: document.status === 'pending' ? await presign(document, deps) : null };
};

const presign = async (document: ProjectDocument, deps: Pick<Deps, 'objects' | 'now'>) => {
  const expiresAt = new Date(deps.now().getTime() + UPLOAD_SECONDS * 1000).toISOString();
  const upload = await deps.objects.presignUpload({
    key: objectKey(document.projectId, document.kind, document.id),
    contentType: document.contentType,
    sizeBytes: document.sizeBytes,
    sha256: document.sha256,
    expiresIn: UPLOAD_SECONDS,
  });
  return { method: 'PUT' as const, url: upload.url, headers: upload.headers, expiresAt };
};

/** Whether the caller may attach this kind to the project now: its stage, the caller's role and open reviews. */
const permitted = async (
  input: { projectId: string; actor: Actor; request: DocumentRequest },
  deps: Pick<Deps, 'projects' | 'tasks' | 'policy'>,
) => {
  const project = await loadVisible(input.projectId, input.actor, deps);
  const tasks =
    project.submissions > 0
      ? await Promise.all(REVIEW_KINDS.map((kind) => deps.tasks.get(taskId(project.id, project.submissions, kind))))
      : [];
  const open = tasks.filter((t) => t !== undefined);
  const kind = checkDocumentRequest(input.actor, project, input.request, open, deps.policy);
  const openTask = open.find((t) => t.status === 'open' && input.actor.roles.includes(t.role as never));
  return { project, kind, openTask };
};

/** Checks the request against the project's stage and the caller's reviews, and records the pending document. */
const declare = async (
  input: { projectId: string; actor: Actor; request: DocumentRequest },
  deps: Pick<Deps, 'projects' | 'tasks' | 'documents' | 'policy' | 'now'>,
  remember: (document: ProjectDocument) => TransactItem[],
): Promise<ProjectDocument> => {
  const { actor, request } = input;
  const { project, kind, openTask } = await permitted(input, deps);
  const at = deps.now().toISOString();
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
