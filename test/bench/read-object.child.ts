import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { documentInspector } from '#shared/store/document-inspector.ts';

/**
 * Run in a fresh process by the upload bench: reads one object either as the verifier does
 * (streamed: hash, size, sniff) or whole into one buffer, and prints the peak growth of this
 * process's resident memory while doing it.
 */
const [mode, bucket, key] = process.argv.slice(2) as ['streamed' | 'whole', string, string];
const MB = 1024 * 1024;
const client = new S3Client({ forcePathStyle: true });
const read = async () => {
  if (mode === 'streamed') return documentInspector(bucket).inspect(key);
  const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return object.Body?.transformToByteArray();
};
// Once to load every module the read needs, then collect: what is measured is the read itself.
await read();
global.gc?.();
const start = process.memoryUsage().rss;
let peak = start;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 1);
const held = await read();
peak = Math.max(peak, process.memoryUsage().rss);
clearInterval(sampler);
process.stdout.write(JSON.stringify({ growthMb: (peak - start) / MB, held: held !== undefined }));
