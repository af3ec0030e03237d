import { arrivalVerdict } from '#shared/domain/document-rules.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { logger } from '#shared/observability/logger.ts';
import { BURST_ATTEMPTS, retryOnConflict } from '#shared/retry.ts';
import type { Deps } from '../deps.ts';

const VERIFIER: Actor = { sub: 'system:document-verifier', name: '材料核验', deptId: null, roles: [] };

/**
 * An object arrived under `projects/`: stream it, recompute its hash and size, sniff its type,
 * and settle the pending document as verified or rejected (with the reason), with an audit
 * event. An object nobody asked for is quarantined; one arriving at a settled document's key
 * changes nothing (S3 versioning keeps it beside the verified version the record points to).
 */
export const verifyArrival = async (
  input: { key: string; versionId?: string | undefined },
  deps: Pick<Deps, 'projects' | 'documents' | 'inspector' | 'now'>,
): Promise<'verified' | 'rejected' | 'quarantined' | 'ignored'> => {
  const parsed = deps.inspector.locate(input.key);
  const document = parsed ? await deps.documents.get(parsed.projectId, parsed.documentId) : undefined;
  if (!parsed || !document || document.kind !== parsed.kind) {
    const target = await deps.inspector.quarantine(input.key, input.versionId);
    logger.warn('object quarantined: no pending document has this key', { key: input.key, quarantinedAs: target });
    return 'quarantined';
  }
  if (document.status !== 'pending') {
    logger.warn('object arrived for a settled document; the record is unchanged', {
      documentId: document.id,
      status: document.status,
    });
    return 'ignored';
  }
  const actual = await deps.inspector.inspect(input.key, input.versionId);
  const reason = arrivalVerdict(document, actual);
  // The first attempt settles the document as read above: the settle is conditional on it still
  // being pending, so a change meanwhile is a lost race, and a retry reads it again.
  let attempt = 0;
  return retryOnConflict(async () => {
    const [project, current] = await Promise.all([
      deps.projects.get(document.projectId),
      attempt++ === 0 ? document : deps.documents.get(document.projectId, document.id),
    ]);
    if (!project || current?.status !== 'pending') return 'ignored';
    const at = deps.now().toISOString();
    const status = reason ? 'rejected' : 'verified';
    await deps.projects.save({
      project,
      at,
      actor: VERIFIER,
      action: `document.${status}`,
      // The declaration wrote no event of its own (a burst of uploads must not race for the project): who declared what is here.
      details: {
        documentId: document.id,
        kind: document.kind,
        fileName: document.fileName,
        sizeBytes: document.sizeBytes,
        declaredBy: document.uploadedBy,
        declaredAt: document.createdAt,
        sha256: actual.sha256,
        ...(reason ? { reason } : {}),
      },
      with: [
        deps.documents.settle({
          ...current,
          status,
          rejectionReason: reason,
          versionId: actual.versionId ?? input.versionId ?? null,
          verifiedAt: reason ? null : at,
        }),
      ],
    });
    return status;
  }, BURST_ATTEMPTS);
};
