import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { mintToken } from '#infra/local/issuer.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';

const MB = 1024 * 1024;
const run = promisify(execFile);
/** The figure: 500 MB of documents, in parts of the size a county uploads (scanned reports). */
const DOCUMENTS = 10;
const DOCUMENT_MB = 50;
/** What the builder may hold above its baseline (issue #20), and the throughput it should reach against a bare copy. */
const MEMORY_BUDGET_MB = 128;
const THROUGHPUT_TARGET = 0.7;

/**
 * The audit dossier (ART33) of a project with 500 MB of documents: built as the builder does, in
 * a fresh process, against a bare S3-to-S3 copy of the same objects measured in the same run.
 * The build streams every document into one ZIP and hashes it twice (SHA-256 and, with the SM2
 * key present locally, SM3 in JavaScript), so its throughput is the copy's less that work.
 */
export const benchDossier = async (runtime: LocalRuntime) => {
  const admin = await mintToken(runtime.dataDir, { sub: 'bench-admin', roles: ['admin'] });
  const staff = await mintToken(runtime.dataDir, { sub: 'bench-staff', roles: ['dept-staff'], dept: 'bench-dossier' });
  const api = async (method: string, path: string, token: string, body?: unknown) => {
    const request = () =>
      fetch(`${runtime.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    // A kept-alive connection the gateway closed while a 50 MB upload was verified is reset once: ask again.
    const response = await request().catch(request);
    return (await response.json()) as Record<string, unknown>;
  };
  await api('PUT', '/v1/departments/bench-dossier', admin, { name: 'bench' });
  const project = await api('POST', '/v1/projects', staff, {
    name: 'bench dossier',
    year: 2026,
    category: 'application-system',
    constructionType: 'new',
    fundingMode: 'government-invested',
    totalInvestmentFen: 1,
  });
  for (let i = 0; i < DOCUMENTS; i++) {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(DOCUMENT_MB * MB - 9)]);
    const declared = (await api('POST', `/v1/projects/${String(project.id)}/documents`, staff, {
      kind: 'construction-plan',
      fileName: `第${i + 1}册.pdf`,
      contentType: 'application/pdf',
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    })) as unknown as { upload: { url: string; headers: Record<string, string> } };
    await fetch(declared.upload.url, { method: 'PUT', headers: declared.upload.headers, body: bytes });
    await runtime.settled();
  }

  // Asynchronous on purpose: s3rver, DynamoDB Local's client and KMS answer the child from this process.
  const measure = async (mode: 'dossier' | 'copy') => {
    const args = ['--expose-gc', '--import', 'tsx', 'test/bench/dossier-build.child.ts', mode, String(project.id)];
    const { stdout } = await run(process.execPath, args, { env: process.env, maxBuffer: 1024 * 1024 });
    return JSON.parse(stdout) as { ms: number; bytes: number; growthMb: number };
  };
  const copy = await measure('copy');
  const dossier = await measure('dossier');
  const rate = (r: { ms: number; bytes: number }) => r.bytes / MB / (r.ms / 1000);
  const ratio = rate(dossier) / rate(copy);
  console.log(`\nThe audit dossier of ${DOCUMENTS} × ${DOCUMENT_MB} MB of documents (fresh processes):`);
  console.log(
    `  bare S3 copy of the same objects ${rate(copy).toFixed(1)} MB/s; dossier build ${rate(dossier).toFixed(1)} MB/s ` +
      `(×${ratio.toFixed(2)}, target ≥ ×${THROUGHPUT_TARGET})`,
  );
  console.log(
    `  peak resident memory above the builder's baseline ${dossier.growthMb.toFixed(1)} MB (budget ${MEMORY_BUDGET_MB} MB)` +
      `${dossier.growthMb > MEMORY_BUDGET_MB ? ' OVER BUDGET' : ''}; the copy's ${copy.growthMb.toFixed(1)} MB`,
  );
  if (dossier.growthMb > MEMORY_BUDGET_MB) process.exitCode = 1;
};
