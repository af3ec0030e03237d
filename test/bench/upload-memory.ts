import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { mintToken } from '#infra/local/issuer.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { objectKey } from '#shared/store/document-objects.ts';
import { median } from './stats.ts';

const MB = 1024 * 1024;
const run = promisify(execFile);

/**
 * PDFs of 20 MB and 80 MB uploaded through presigned URLs and verified on arrival; then each
 * object read again in fresh processes, as the verifier reads it (streamed) and whole into one
 * buffer. Streaming holds what the garbage collector lets lie about, whatever the size; a whole
 * read grows with the object. s3rver runs in this process, so the reads run in children.
 */
export const benchUploadMemory = async (runtime: LocalRuntime) => {
  const admin = await mintToken(runtime.dataDir, { sub: 'bench-admin', roles: ['admin'] });
  const staff = await mintToken(runtime.dataDir, { sub: 'bench-staff', roles: ['dept-staff'], dept: 'bench-mem' });
  const api = async (method: string, path: string, token: string, body?: unknown) => {
    const response = await fetch(`${runtime.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return (await response.json()) as Record<string, string>;
  };
  await api('PUT', '/v1/departments/bench-mem', admin, { name: 'bench' });
  const project = await api('POST', '/v1/projects', staff, {
    name: 'bench',
    year: 2026,
    category: 'application-system',
    constructionType: 'new',
    fundingMode: 'government-invested',
    totalInvestmentFen: 1,
  });

  const uploadOf = async (sizeMb: number) => {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(sizeMb * MB - 9)]);
    const declared = (await api('POST', `/v1/projects/${project.id}/documents`, staff, {
      kind: 'construction-plan',
      fileName: `${sizeMb}mb.pdf`,
      contentType: 'application/pdf',
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    })) as unknown as { document: { id: string }; upload: { url: string; headers: Record<string, string> } };
    await fetch(declared.upload.url, { method: 'PUT', headers: declared.upload.headers, body: bytes });
    await runtime.settled();
    const read = await api('GET', `/v1/projects/${project.id}/documents/${declared.document.id}`, staff);
    return {
      key: objectKey({ projectId: String(project.id), kind: 'construction-plan', id: declared.document.id }),
      status: read.status,
    };
  };

  // Asynchronous on purpose: s3rver answers the children from this process's event loop.
  const growth = async (mode: 'streamed' | 'whole', key: string) => {
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const args = ['--expose-gc', '--import', 'tsx', 'test/bench/read-object.child.ts', mode, runtime.bucketName, key];
      const { stdout } = await run(process.execPath, args, { env: process.env });
      runs.push((JSON.parse(stdout) as { growthMb: number }).growthMb);
    }
    return median(runs);
  };

  console.log(
    '\nDocuments through presigned URLs, verified on arrival; peak resident-memory growth of one read (median of 3 fresh processes):',
  );
  for (const sizeMb of [20, 80]) {
    const { key, status } = await uploadOf(sizeMb);
    const streamed = await growth('streamed', key);
    const whole = await growth('whole', key);
    console.log(
      `  ${String(sizeMb).padStart(3)} MB (${status}): as the verifier streams it ${streamed.toFixed(1)} MB, ` +
        `whole into one buffer ${whole.toFixed(1)} MB (ratio ×${(streamed / Math.max(whole, 0.1)).toFixed(2)})`,
    );
  }
};
