import { randomUUID } from 'node:crypto';
import type { ProjectDocument } from '#shared/domain/document.schema.ts';
import { checkDocumentRequest, type DocumentRequest } from '#shared/domain/document-rules.ts';
import { REVIEW_KINDS } from '#shared/domain/project.schema.ts';
import { taskId } from '#shared/domain/review.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { objectKey } from '#shared/store/document-objects.ts';
import type { Deps } from '../deps.ts';
import { loadVisible } from '../projects/project-access.ts';
import { retryOnConflict } from '../retry.ts';

/** Presigned uploads are valid this long (API: 15 minutes). */
const UPLOAD_SECONDS = 15 * 60;

/**
 * Records a pending document and issues the one presigned PUT for it. Nothing passes through a
 * function's body: the browser uploads straight to S3, and the object is verified on arrival.
 */
export const requestUpload = async (
  input: { projectId: string; actor: Actor; request: DocumentRequest },
  deps: Pick<Deps, 'projects' | 'documents' | 'objects' | 'tasks' | 'policy' | 'now'>,
) => {
  const { actor, request } = input;
  const document = await retryOnConflict(async () => {
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
      with: [deps.documents.put(document)],
    });
    return document;
  });
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
