import { assertVisible } from '#shared/domain/access.ts';
import type { ProjectDocument } from '#shared/domain/document.schema.ts';
import { ConflictError, NotFoundError } from '#shared/domain/errors.ts';
import type { Actor } from '#shared/domain/roles.ts';
import type { Deps } from '../deps.ts';
import { loadVisible } from '../projects/project-access.ts';

/** Downloads are valid this long (API: 5 minutes). */
const DOWNLOAD_SECONDS = 5 * 60;

/** A project's documents with their status, a page at a time. */
export const listDocuments = async (
  input: { projectId: string; actor: Actor; limit: number; cursor?: string | undefined },
  deps: Pick<Deps, 'projects' | 'documents'>,
) => {
  await loadVisible(input.projectId, input.actor, deps);
  return deps.documents.page(input.projectId, input);
};

/** A document of a project the caller may see; the project and the document are read together. */
export const getDocument = async (
  input: { projectId: string; documentId: string; actor: Actor },
  deps: Pick<Deps, 'documents'>,
): Promise<ProjectDocument> => {
  const { project, document } = await deps.documents.withProject(input.projectId, input.documentId);
  assertVisible(input.actor, project);
  if (!document) throw new NotFoundError('No such document.');
  return document;
};

/**
 * A short-lived GET of the verified version, served as the type it was verified to be and saved
 * as an attachment under its file name, with that type's extension when the name says otherwise.
 */
export const downloadDocument = async (
  input: { projectId: string; documentId: string; actor: Actor },
  deps: Pick<Deps, 'documents' | 'objects' | 'now'>,
) => {
  const document = await getDocument(input, deps);
  if (document.status !== 'verified')
    throw new ConflictError(`The document is ${document.status}; only verified documents are served.`);
  const url = await deps.objects.presignDownload(document, DOWNLOAD_SECONDS);
  return { url, expiresAt: new Date(deps.now().getTime() + DOWNLOAD_SECONDS * 1000).toISOString() };
};
