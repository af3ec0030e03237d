import { createHash } from 'node:crypto';
import { GENESIS_HASH } from '#shared/domain/audit-chain.ts';
import {
  DOSSIER_FORMAT,
  type Dossier,
  documentEntryPath,
  documentsOfDossier,
  dossierJson,
  dossierObjectKey,
  type Manifest,
  type ManifestEntry,
  ManifestSchema,
  type RecordFile,
} from '#shared/domain/dossier.ts';
import type { Finding } from '#shared/domain/finding.schema.ts';
import type { ProjectEvent, StoredProject } from '#shared/domain/project.schema.ts';
import { sm3Stream } from '../../../bin/verifier/sm.mjs';
import type { Deps } from '../deps.ts';
import type { ArchiveWriter } from './dossier-ports.ts';

export interface Builder {
  readonly name: string;
  readonly version: string;
}

type BuildDeps = Pick<
  Deps,
  | 'projects'
  | 'documents'
  | 'records'
  | 'tasks'
  | 'obligations'
  | 'findings'
  | 'departments'
  | 'dossiers'
  | 'dossierArchive'
  | 'dossierSigner'
  | 'policy'
  | 'now'
>;

/** The project and its trail read so that they agree (a change landing between the two reads is read again). */
const projectWithTrail = async (id: string, deps: Pick<Deps, 'projects'>) => {
  let project = await deps.projects.get(id);
  let events = await deps.projects.events(id);
  for (let attempt = 0; attempt < 3 && project && project.eventSeq !== events.length; attempt++) {
    project = await deps.projects.get(id);
    events = await deps.projects.events(id);
  }
  if (!project) throw new Error(`project ${id} is gone`);
  return { project, events };
};

const allFindings = async (projectId: string, deps: Pick<Deps, 'findings'>) => {
  const findings: Finding[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.findings.list({ by: { projectId }, limit: 200, cursor });
    findings.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return findings;
};

/** Every review task the trail names (a task opens with an event that carries its id). */
const tasksOfTrail = async (events: readonly ProjectEvent[], deps: Pick<Deps, 'tasks'>) => {
  const ids = [
    ...new Set(events.flatMap((event) => (typeof event.details?.taskId === 'string' ? [event.details.taskId] : []))),
  ];
  const tasks = await Promise.all(ids.map((id) => deps.tasks.get(id)));
  return tasks.filter((task) => task !== undefined).map(({ token: _token, ...task }) => task);
};

/** The JSON views of the record, one file each (API.md § The audit dossier). */
const recordFiles = async (
  project: StoredProject,
  events: readonly ProjectEvent[],
  deps: BuildDeps,
): Promise<Record<RecordFile, string>> => {
  const [records, tasks, obligations, findings, holds, drills] = await Promise.all([
    deps.records.all(project.id),
    tasksOfTrail(events, deps),
    deps.obligations.ofProject(project.id),
    allFindings(project.id, deps),
    deps.findings.holdsOf(project.id),
    deps.departments.drills(project.ownerDeptId),
  ]);
  const holdEvents = events.filter((event) => /hold/i.test(event.action) || 'holds' in (event.details ?? {}));
  const waiverEvents = events.filter((event) => /waive/i.test(event.action));
  return {
    'events.jsonl': events.map((event) => `${JSON.stringify(event)}\n`).join(''),
    'project.json': dossierJson(project),
    'records.json': dossierJson(records),
    'tasks.json': dossierJson(tasks),
    'obligations.json': dossierJson(obligations),
    'findings.json': dossierJson(findings),
    // The holds standing now, and from the trail every event that placed or lifted one.
    'holds.json': dossierJson({ standing: holds, history: holdEvents }),
    // Both officers of each waiver are on the trail (proposal and confirmation); the duties waived beside them.
    'waivers.json': dossierJson({
      waived: obligations.filter((duty) => duty.status === 'waived' || duty.waiverReason !== null),
      history: waiverEvents,
    }),
    'drills.json': dossierJson(drills),
    'policy.json': dossierJson(deps.policy),
  };
};

/** Writes one file into the archive while digesting it: its manifest entry. */
const writeFile = async (
  archive: ArchiveWriter,
  path: string,
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: { compress: boolean; sm3: boolean },
): Promise<ManifestEntry> => {
  const file = archive.file(path, { compress: options.compress });
  const sha256 = createHash('sha256');
  const sm3 = options.sm3 ? sm3Stream() : undefined;
  let sizeBytes = 0;
  for await (const chunk of chunks) {
    sha256.update(chunk);
    sm3?.update(chunk);
    sizeBytes += chunk.length;
    await file.write(chunk);
  }
  await file.end();
  return {
    path,
    sizeBytes,
    sha256: sha256.digest('hex'),
    ...(sm3 ? { sm3: sm3.digest().toString('hex') } : {}),
  };
};

/**
 * ART33: builds a dossier's archive. Every verified document streams from the bucket into one
 * ZIP streamed back into it (never the whole archive in memory), then the record's JSON views,
 * then manifest.json (each file's size, SHA-256 and, with SM2, SM3; the chain's head) and its
 * signatures. A document whose bytes are not the SHA-256 verified on arrival fails the build: a
 * dossier never carries what the record does not. A dossier settled already (a retried build)
 * is left as it is: it is immutable.
 */
export const buildDossier = async (
  input: { projectId: string; dossierId: string },
  deps: BuildDeps & { builder: Builder },
): Promise<Dossier> => {
  const dossier = await deps.dossiers.get(input.projectId, input.dossierId);
  if (!dossier) throw new Error(`dossier ${input.dossierId} is not on file`);
  if (dossier.status !== 'building') return dossier;

  const { project, events } = await projectWithTrail(input.projectId, deps);
  const documents = documentsOfDossier(await deps.documents.list(project.id));
  const signer = deps.dossierSigner;
  const archive = deps.dossierArchive.create(dossierObjectKey(dossier));
  try {
    const files: ManifestEntry[] = [];
    for (const document of documents) {
      const entry = await writeFile(archive, documentEntryPath(document), deps.dossierArchive.readDocument(document), {
        compress: false,
        sm3: signer.sm2,
      });
      if (entry.sha256 !== document.sha256 || entry.sizeBytes !== document.sizeBytes) {
        throw new Error(`document ${document.id}'s stored bytes are not the ones verified on arrival`);
      }
      files.push(entry);
    }
    const views = await recordFiles(project, events, deps);
    for (const [path, text] of Object.entries(views)) {
      files.push(await writeFile(archive, path, [Buffer.from(text, 'utf8')], { compress: true, sm3: signer.sm2 }));
    }
    const builtAt = deps.now().toISOString();
    const manifest: Manifest = ManifestSchema.parse({
      format: DOSSIER_FORMAT,
      dossierId: dossier.id,
      projectId: project.id,
      projectCode: project.code,
      builtAt,
      builder: deps.builder,
      chain: { count: events.length, headHash: events.at(-1)?.hash ?? GENESIS_HASH },
      signatures: signer.sm2 ? ['ES256', 'SM2DSA'] : ['ES256'],
      files,
    } satisfies Manifest);
    const manifestBytes = Buffer.from(dossierJson(manifest), 'utf8');
    const signatures: [string, string][] = [['manifest.sig', await signer.signJws(manifestBytes)]];
    if (signer.sm2) signatures.push(['manifest.sm2.sig', await signer.signSm2(manifestBytes)]);
    await writeFile(archive, 'manifest.json', [manifestBytes], { compress: true, sm3: false });
    for (const [path, text] of signatures) {
      await writeFile(archive, path, [Buffer.from(text, 'utf8')], { compress: false, sm3: false });
    }
    const { sha256, sizeBytes } = await archive.finish();
    const ready: Dossier = { ...dossier, status: 'ready', builtAt, sha256, sizeBytes };
    await deps.dossiers.settle(ready);
    return ready;
  } catch (error) {
    await archive.abort();
    throw error;
  }
};

/** The workflow's catch: a build that failed for good is recorded `failed`; a new dossier is the way on. */
export const recordDossierFailure = async (
  input: { projectId: string; dossierId: string },
  deps: Pick<Deps, 'dossiers'>,
): Promise<void> => {
  const dossier = await deps.dossiers.get(input.projectId, input.dossierId);
  if (dossier?.status !== 'building') return;
  await deps.dossiers.settle({ ...dossier, status: 'failed', failure: 'The build failed; take a new dossier.' });
};
