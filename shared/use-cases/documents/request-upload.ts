import { randomUUID } from 'node:crypto';
import type { ProjectDocument } from '#shared/domain/document.schema.ts';
import { checkDocumentRequest, type DocumentRequest, UPLOAD_SECONDS } from '#shared/domain/document-rules.ts';
import type { StoredProject } from '#shared/domain/project.schema.ts';
import { REVIEWS, type ReviewKind, WORKFLOWS, type WorkflowKind } from '#shared/domain/review-catalogue.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { taskId } from '#shared/domain/workflow.ts';
import { retryOnConflict } from '#shared/retry.ts';
import type { Deps } from '../deps.ts';
import { idempotent, type Remember } from '../idempotent.ts';
import { owesEmergencyDuties } from '../projects/owner-action.ts';
import { loadVisible } from '../projects/project-access.ts';

/**
 * Records a pending document and issues the one presigned PUT for it. Nothing passes through a
 * function's body: the browser uploads straight to S3, and the object is verified on arrival.
 */
export const requestUpload = async (
  input: { projectId: string; actor: Actor; request: DocumentRequest; idempotencyKey?: string | undefined },
  deps: Pick<Deps, 'projects' | 'documents' | 'objects' | 'tasks' | 'obligations' | 'idempotency' | 'policy' | 'now'>,
) => {
  const { actor, request } = input;
  const idempotency = {
    actor,
    scope: 'request-upload',
    key: input.idempotencyKey,
    request: { projectId: input.projectId, ...request },
  };
  // A lost race (to the same key) answers what the winner answered.
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
  const upload = await deps.objects.presignUpload(document, UPLOAD_SECONDS);
  return { method: 'PUT' as const, url: upload.url, headers: upload.headers, expiresAt };
};

/**
 * The tasks of the rounds now running on the project whose review's opinion is of `kind`: a
 * reviewer attaches the opinion of one it holds open. A kind that is no review's opinion needs no
 * task read at all (what owners and the accountability bodies attach).
 */
const runningTasks = async (project: StoredProject, kind: DocumentRequest['kind'], deps: Pick<Deps, 'tasks'>) => {
  const running = Object.entries(project.rounds).filter(([, round]) => round?.status === 'running');
  const tasks = await Promise.all(
    running.flatMap(([workflow, round]) => {
      const { first, parallel } = WORKFLOWS[workflow as WorkflowKind];
      return [first, ...parallel]
        .filter((review: ReviewKind) => REVIEWS[review].opinion === kind)
        .map((review: ReviewKind) =>
          deps.tasks.get(taskId(project.id, workflow as WorkflowKind, round?.round ?? 0, review)),
        );
    }),
  );
  return tasks.filter((task) => task !== undefined);
};

/** Whether the caller may attach this kind to the project now: its stage, the caller's role and open reviews. */
const permitted = async (
  input: { projectId: string; actor: Actor; request: DocumentRequest },
  deps: Pick<Deps, 'projects' | 'tasks' | 'obligations' | 'policy'>,
) => {
  const project = await loadVisible(input.projectId, input.actor, deps);
  const [open, emergencyBuilding] = await Promise.all([
    runningTasks(project, input.request.kind, deps),
    owesEmergencyDuties(project, deps),
  ]);
  const { kind, taskId: forTask } = checkDocumentRequest(input.actor, project, input.request, open, deps.policy, {
    emergencyBuilding,
  });
  return { project, kind, forTask };
};

/** Checks the request against the project's stage and the caller's reviews, and records the pending document. */
const declare = async (
  input: { projectId: string; actor: Actor; request: DocumentRequest },
  deps: Pick<Deps, 'projects' | 'tasks' | 'obligations' | 'documents' | 'policy' | 'now'>,
  remember: Remember<ProjectDocument>,
): Promise<ProjectDocument> => {
  const { actor, request } = input;
  const { project, kind, forTask } = await permitted(input, deps);
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
    taskId: forTask,
  };
  // Not a change of the project (no version to race for in a burst of uploads): the document's
  // arrival writes its audit event, verified or rejected, with who declared it.
  await deps.documents.declare(document, remember(document));
  return document;
};
