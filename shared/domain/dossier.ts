import * as z from 'zod';
import { assertVisible } from './access.ts';
import type { ProjectDocument } from './document.schema.ts';
import { ForbiddenError } from './errors.ts';
import type { Project } from './project.schema.ts';
import { recorded } from './recorded.ts';
import { type Actor, hasAnyRole } from './roles.ts';

/**
 * ART33 (项目资料须如实提供，不得隐匿): a project's whole record taken away as one signed archive
 * that proves itself without us. This module says what a dossier is, who may take one, what the
 * archive holds and under which names; building and signing it is the use case's.
 */

export const DOSSIER_STATUSES = ['building', 'ready', 'failed'] as const;

export const DossierSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  projectCode: z.string(),
  status: z.enum(DOSSIER_STATUSES),
  recordedAt: z.string(),
  recordedBy: z.string(),
  recordedByName: z.string().optional(),
  /** Set once the archive is written; a dossier never changes after that (a later state is a new one). */
  builtAt: z.string().optional(),
  sha256: z.string().optional(),
  sizeBytes: z.number().int().nonnegative().optional(),
  /** Why the build failed, in words safe for the caller (no SDK message). */
  failure: z.string().optional(),
});
export type Dossier = z.infer<typeof DossierSchema>;

/** What the API answers for a dossier (API.md § The audit dossier): its status and, when ready, a download. */
export const DossierViewSchema = DossierSchema.omit({ failure: true }).extend({
  dossierId: z.string(),
  download: z.object({ url: z.string(), expiresAt: z.string() }).optional(),
});
export type DossierView = z.infer<typeof DossierViewSchema>;

/**
 * Who may take a project's dossier: the Audit Bureau and the Data Bureau for any project they
 * see (every project), the owner department's head for its own (ART10: the head answers for
 * the department). Anyone else who sees the project is refused (403 ART04-ROLE); one who does
 * not see it is answered as for a project that does not exist.
 */
export function assertMayExportDossier<P extends Pick<Project, 'ownerDeptId' | 'coBuilderDeptIds'>>(
  actor: Actor,
  project: P | undefined,
): asserts project is P {
  assertVisible(actor, project);
  if (hasAnyRole(actor, ['audit', 'data-bureau'])) return;
  if (actor.deptId === project.ownerDeptId && hasAnyRole(actor, ['dept-head'])) return;
  throw new ForbiddenError("Only the Audit Bureau, the Data Bureau or the owner department's head takes a dossier.");
}

export const newDossier = (input: {
  id: string;
  project: Pick<Project, 'id' | 'code'>;
  actor: Actor;
  at: string;
}): Dossier => ({
  id: input.id,
  projectId: input.project.id,
  projectCode: input.project.code,
  status: 'building',
  ...recorded(input.actor, input.at),
});

/** Where a dossier's archive lives: beside the documents, kept as long as they are (same bucket, same lifecycle). */
export const dossierObjectKey = (dossier: Pick<Dossier, 'projectId' | 'id'>) =>
  `dossiers/${dossier.projectId}/${dossier.id}.zip`;

/** The name an auditor's browser saves the archive under. */
export const dossierFileName = (dossier: Pick<Dossier, 'projectCode' | 'id'>) =>
  `${dossier.projectCode}-dossier-${dossier.id}.zip`;

// ---------------------------------------------------------------------------------------------
// The archive's contents.

export const DOSSIER_FORMAT = 'lingchuan-dossier/1';

/** The files every dossier holds beside the documents, each a JSON view of one part of the record (API.md). */
export const RECORD_FILES = [
  'events.jsonl',
  'project.json',
  'records.json',
  'tasks.json',
  'obligations.json',
  'findings.json',
  'holds.json',
  'waivers.json',
  'drills.json',
  'policy.json',
] as const;
export type RecordFile = (typeof RECORD_FILES)[number];

export const SIGNATURE_ALGORITHMS = ['ES256', 'SM2DSA'] as const;
export type SignatureAlgorithm = (typeof SIGNATURE_ALGORITHMS)[number];

export const ManifestEntrySchema = z.object({
  path: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** GB/T 32905, beside the SHA-256, when the dossier is signed with SM2 too (密评). */
  sm3: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});
export type ManifestEntry = z.infer<typeof ManifestEntrySchema>;

export const ManifestSchema = z.object({
  format: z.literal(DOSSIER_FORMAT),
  dossierId: z.string(),
  projectId: z.string(),
  projectCode: z.string(),
  builtAt: z.string(),
  builder: z.object({ name: z.string(), version: z.string() }),
  /** The audit chain the archive's events.jsonl must recompute to. */
  chain: z.object({ count: z.number().int().nonnegative(), headHash: z.string() }),
  /** Which signatures accompany the manifest; a verifier requires each (no silent downgrade). */
  signatures: z.array(z.enum(SIGNATURE_ALGORITHMS)).min(1),
  files: z.array(ManifestEntrySchema),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** Characters no file system of an auditor's takes in a name, separators that would make folders, control characters. */
const unsafeInNames = (char: string) => {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f || '/\\:*?"<>|'.includes(char);
};

/**
 * A document's path in the archive: `documents/<kind>/<docId>-<safe file name>`. The id keeps
 * names unique (two uploads may share a name); the name is the uploader's, with what a file
 * system refuses replaced, trimmed to 100 characters and never a dot-file or `..`.
 */
export const documentEntryPath = (document: Pick<ProjectDocument, 'id' | 'kind' | 'fileName'>): string => {
  const cleaned = [...document.fileName.trim()]
    .map((char) => (unsafeInNames(char) ? '_' : char))
    .slice(-100)
    .join('');
  const safe = cleaned.replace(/^\.+/, '_') || 'file';
  return `documents/${document.kind}/${document.id}-${safe}`;
};

/** The documents a dossier holds: every verified one, and nothing pending or rejected (not part of the record). */
export const documentsOfDossier = (documents: readonly ProjectDocument[]) =>
  documents
    .filter((document) => document.status === 'verified')
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));

/** JSON as the archive writes it: indented, for the human who opens it, and ending in a newline. */
export const dossierJson = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
