import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { fileTypeFromBuffer } from 'file-type';
import type { DocumentInspection } from '#shared/use-cases/ports.ts';
import { parseObjectKey, s3 } from './document-objects.ts';

const SNIFF_BYTES = 4100;

/** What the document verifier reads of an arrived object (only the verifier imports this, and file-type with it). */
export const documentInspector = (bucket: string) => ({
  /** The document an arrived key would belong to, if it has the shape of one. */
  locate: parseObjectKey,

  /**
   * Streams the object once: SHA-256 and size over every byte, the first bytes kept for the
   * magic-byte check. Memory stays flat whatever the size.
   */
  async inspect(key: string, versionId?: string) {
    const object = await s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: key, ...(versionId ? { VersionId: versionId } : {}) }),
    );
    const hash = createHash('sha256');
    let sizeBytes = 0;
    const head: Buffer[] = [];
    let headBytes = 0;
    for await (const chunk of object.Body as Readable) {
      const buffer = chunk as Buffer;
      hash.update(buffer);
      sizeBytes += buffer.length;
      if (headBytes < SNIFF_BYTES) {
        head.push(buffer.subarray(0, SNIFF_BYTES - headBytes));
        headBytes += Math.min(buffer.length, SNIFF_BYTES - headBytes);
      }
    }
    const detected = await fileTypeFromBuffer(Buffer.concat(head));
    return {
      sizeBytes,
      sha256: hash.digest('hex'),
      detectedMime: detected?.mime as string | undefined,
      versionId: object.VersionId ?? null,
    };
  },

  /** Moves an object nobody asked for out of `projects/`, where nothing will ever attach it. */
  async quarantine(key: string, versionId?: string) {
    const target = `quarantine/${key}`;
    await s3.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: target,
        CopySource: `${bucket}/${encodeURI(key)}${versionId ? `?versionId=${versionId}` : ''}`,
      }),
    );
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    return target;
  },
});
// The store is what its port asks for (the compiler holds the two together).
documentInspector satisfies (bucket: string) => DocumentInspection;

/** The `inspector` dependency, wired from a function's environment (shared/use-cases/deps.ts). */
export const inspector = (env: { readonly BUCKET_NAME: string }) => documentInspector(env.BUCKET_NAME);
