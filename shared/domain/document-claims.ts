import { ConflictError } from './errors.ts';
import type { PhaseRecord, RecordKind } from './phase-records.ts';

/**
 * A document backs one record (records are what happened, once): one signed contract is not two
 * contracts, one MLPS filing is not two filings at different levels. Each record kind names the
 * document fields it rests on; a record that was returned, failed or superseded lets its
 * documents go, so the record that repeats it may name them again.
 */
type Backing<K extends RecordKind> = {
  readonly documents: (record: PhaseRecord<K>) => readonly (string | undefined)[];
  /** Whether the record no longer holds its documents (returned, failed, superseded). */
  readonly released?: (record: PhaseRecord<K>, all: readonly PhaseRecord<K>[]) => boolean;
};

const BACKINGS: { readonly [K in RecordKind]?: Backing<K> } = {
  'procurement-notice': { documents: (r) => [r.noticeDocumentId] },
  contract: {
    documents: (r) => [
      r.contractDocumentId,
      r.qualificationReviewDocumentId,
      r.confidentialityAgreementDocumentId,
      r.staffConfidentialityDocumentId,
    ],
  },
  'milestone-report': { documents: (r) => [r.reportDocumentId] },
  'security-record': { documents: (r) => [r.documentId] },
  'preliminary-acceptance': {
    documents: (r) => [
      r.reportDocumentId,
      r.evidence.softwareTestReportDocumentId,
      r.evidence.resourceSharingCatalogueDocumentId,
      r.evidence.dataLandingDocumentId,
    ],
    // A returned or failed acceptance is repeated, often on the same evidence (ART27).
    released: (r) => r.outcome === 'returned' || r.outcome === 'failed',
  },
  'operations-report': {
    documents: (r) => [r.evidenceDocumentId],
    // A later report for the same year supersedes the earlier (ART07).
    released: (r, all) => all.some((later) => later.year === r.year && later.recordedAt > r.recordedAt),
  },
  'disposal-report': { documents: (r) => [r.documentId, ...r.supplements.map((s) => s.documentId)] },
};

type Records = { readonly [K in RecordKind]?: readonly PhaseRecord<K>[] };

/** Which record holds each document (by kind and id), among those that still hold theirs. */
export const documentHolders = (records: Records): Map<string, string> => {
  const holders = new Map<string, string>();
  for (const [kind, backing] of Object.entries(BACKINGS) as [RecordKind, Backing<RecordKind>][]) {
    const all = (records[kind] ?? []) as readonly PhaseRecord<RecordKind>[];
    for (const record of all) {
      if (backing.released?.(record, all)) continue;
      for (const id of backing.documents(record)) {
        if (id !== undefined) holders.set(id, `${kind} ${(record as { id: string }).id}`);
      }
    }
  }
  return holders;
};

/**
 * Refuses (409) a record naming a document another record already rests on, naming that record.
 * `except` is the record being written again (a supplement to its own report).
 */
export const refuseHeldDocuments = (ids: readonly (string | undefined)[], records: Records, except?: string): void => {
  const holders = documentHolders(records);
  for (const id of ids) {
    const holder = id === undefined ? undefined : holders.get(id);
    if (holder && holder !== except) {
      throw new ConflictError(`Document ${id} already backs ${holder}; a document backs one record.`);
    }
  }
};
