import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { newDossier } from '#shared/domain/dossier.ts';
import { objectKey, s3 } from '#shared/store/document-objects.ts';
import { transact } from '#shared/store/transactions.ts';
import { buildDossier } from '#shared/use-cases/dossiers/build-dossier.ts';
import { allDeps } from '../support/all-deps.ts';

/**
 * Run in a fresh process by the dossier bench: builds a project's dossier as the builder function
 * does (`dossier`), or copies the same documents from S3 to S3 with nothing else (`copy`), and
 * prints how long it took and the peak growth of this process's resident memory above what it
 * held once its modules were loaded (the function's baseline).
 */
const [mode, projectId] = process.argv.slice(2) as ['dossier' | 'copy', string];
const MB = 1024 * 1024;
const env = {
  TABLE_NAME: String(process.env.TABLE_NAME),
  BUCKET_NAME: String(process.env.BUCKET_NAME),
  DOSSIER_KEY_ID: process.env.DOSSIER_KEY_ID,
  DOSSIER_SM2_KEY_ID: process.env.DOSSIER_SM2_KEY_ID,
};
const deps = allDeps(env);
const documents = (await deps.documents.list(projectId)).filter((document) => document.status === 'verified');
const bytes = documents.reduce((sum, document) => sum + document.sizeBytes, 0);

const copy = async () => {
  for (const document of documents) {
    const { Body } = await s3.send(new GetObjectCommand({ Bucket: env.BUCKET_NAME, Key: objectKey(document) }));
    // In Node the SDK answers the object as a Node stream, which the upload streams on as it is.
    if (!(Body instanceof Readable)) throw new Error(`${objectKey(document)}: no Node stream to copy`);
    await new Upload({
      client: s3,
      params: { Bucket: env.BUCKET_NAME, Key: `bench-copy/${randomUUID()}`, Body },
      partSize: 8 * MB,
      queueSize: 2,
    }).done();
  }
};

const build = async () => {
  const project = await deps.projects.get(projectId);
  if (!project) throw new Error('no project');
  const dossier = newDossier({
    id: randomUUID(),
    project,
    actor: { sub: 'bench', name: 'bench', deptId: null, roles: ['audit'] },
    at: new Date().toISOString(),
  });
  await transact([deps.dossiers.put(dossier)]);
  const built = await buildDossier(
    { projectId, dossierId: dossier.id },
    { ...deps, builder: { name: 'bench', version: '0' } },
  );
  if (built.status !== 'ready') throw new Error(`the dossier is ${built.status}`);
};

global.gc?.();
const start = process.memoryUsage().rss;
let peak = start;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 5);
const began = performance.now();
await (mode === 'dossier' ? build() : copy());
const ms = performance.now() - began;
peak = Math.max(peak, process.memoryUsage().rss);
clearInterval(sampler);
process.stdout.write(JSON.stringify({ ms, bytes, growthMb: (peak - start) / MB }));
