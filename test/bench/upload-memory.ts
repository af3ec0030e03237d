import { randomBytes } from 'node:crypto';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mintToken } from '#infra/local/issuer.ts';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { documentObjects, objectKey } from '#shared/store/document-objects.ts';

const MB = 1024 * 1024;

/**
 * A 20 MB PDF uploaded through a presigned URL and verified on arrival, with this process's
 * resident memory sampled while the verifier streams it (the runtime runs the handler here).
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
    return (await response.json()) as Record<string, never>;
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
  const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(20 * MB - 9)]);
  const { createHash } = await import('node:crypto');
  const declared = await api('POST', `/v1/projects/${project.id}/documents`, staff, {
    kind: 'construction-plan',
    fileName: 'big.pdf',
    contentType: 'application/pdf',
    sizeBytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  });
  const { document, upload } = declared as unknown as {
    document: { id: string };
    upload: { url: string; headers: Record<string, string> };
  };
  await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: bytes });
  await runtime.settled();
  const read = await api('GET', `/v1/projects/${project.id}/documents/${document.id}`, staff);

  // The verifier's read of the object, against reading the same object into one buffer.
  const objects = documentObjects(runtime.bucketName);
  const key = objectKey(String(project.id), 'construction-plan', document.id);
  const streamed = await peakDuring(() => objects.inspect(key));
  const buffered = await peakDuring(async () => {
    const client = new S3Client({ forcePathStyle: true });
    const object = await client.send(new GetObjectCommand({ Bucket: runtime.bucketName, Key: key }));
    return (await object.Body?.transformToByteArray())?.length;
  });
  console.log(`\nUpload of ${bytes.length / MB} MB through the presigned URL, verified on arrival: ${read.status}`);
  console.log(
    `  verifier (streamed) peak growth: rss ${streamed.rss.toFixed(1)} MB, buffers ${streamed.buffers.toFixed(1)} MB; ` +
      `reading it whole: rss ${buffered.rss.toFixed(1)} MB, buffers ${buffered.buffers.toFixed(1)} MB ` +
      `(ratio of buffer peaks ×${(streamed.buffers / Math.max(buffered.buffers, 0.001)).toFixed(2)})`,
  );
};

/** Peak growth of resident memory and of Buffer memory while `work` runs, sampled every 2 ms. */
const peakDuring = async (work: () => Promise<unknown>) => {
  global.gc?.();
  const start = process.memoryUsage();
  let rss = 0;
  let buffers = 0;
  const sample = () => {
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss - start.rss);
    buffers = Math.max(buffers, now.arrayBuffers - start.arrayBuffers);
  };
  const sampler = setInterval(sample, 2);
  await work();
  sample();
  clearInterval(sampler);
  return { rss: rss / MB, buffers: buffers / MB };
};
