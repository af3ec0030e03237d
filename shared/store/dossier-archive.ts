import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { ProjectDocument } from '#shared/domain/document.schema.ts';
import type { ArchiveWriter, DossierArchive } from '#shared/use-cases/dossiers/dossier-ports.ts';
import { contentDisposition, objectKey, s3 } from './document-objects.ts';

const DOWNLOAD_SECONDS = 15 * 60;
/**
 * Multipart parts of 8 MiB, two in flight: what the upload holds in memory at most, whatever the
 * archive's size (a 2 GB dossier builds in a 512 MB function; S3 allows 10,000 parts, 80 GB).
 */
const PART_BYTES = 8 * 1024 * 1024;
const PARTS_IN_FLIGHT = 2;

/**
 * Streams a ZIP into S3 as it is written: fflate produces the archive chunk by chunk, a
 * PassThrough carries it to lib-storage's multipart upload, and every write waits while the
 * upload is behind (backpressure), so memory holds a few parts, never the archive. The
 * archive's SHA-256 and size are counted on the way out.
 */
const archiveWriter = (bucket: string, key: string): ArchiveWriter => {
  const body = new PassThrough({ highWaterMark: PART_BYTES });
  const sha256 = createHash('sha256');
  let sizeBytes = 0;
  let failure: Error | undefined;
  const zip = new Zip((error, chunk, final) => {
    if (error) {
      failure = error;
      body.destroy(error);
      return;
    }
    sha256.update(chunk);
    sizeBytes += chunk.length;
    body.write(chunk);
    if (final) body.end();
  });
  const upload = new Upload({
    client: s3,
    params: { Bucket: bucket, Key: key, Body: body, ContentType: 'application/zip' },
    partSize: PART_BYTES,
    queueSize: PARTS_IN_FLIGHT,
  });
  const done = upload.done();
  done.catch(() => undefined);
  const drained = async () => {
    if (failure) throw failure;
    if (body.writableNeedDrain) await once(body, 'drain');
  };
  return {
    file(path, { compress }) {
      const entry = compress ? new ZipDeflate(path, { level: 6 }) : new ZipPassThrough(path);
      zip.add(entry);
      return {
        async write(chunk) {
          entry.push(chunk, false);
          await drained();
        },
        async end() {
          entry.push(new Uint8Array(0), true);
          await drained();
        },
      };
    },
    async finish() {
      zip.end();
      await done;
      if (failure) throw failure;
      return { sha256: sha256.digest('hex'), sizeBytes };
    },
    async abort() {
      body.destroy();
      await upload.abort().catch(() => undefined);
    },
  };
};

/** The dossiers' archives under `dossiers/` of the documents bucket, and the documents they are built from. */
export const dossierArchive = (bucket: string): DossierArchive => ({
  async *readDocument(document: ProjectDocument) {
    const { Body } = await s3.send(
      new GetObjectCommand({
        Bucket: bucket,
        Key: objectKey(document),
        ...(document.versionId ? { VersionId: document.versionId } : {}),
      }),
    );
    if (!Body) throw new Error(`document ${document.id} has no bytes`);
    for await (const chunk of Body as Readable) yield chunk as Uint8Array;
  },

  create(key) {
    return archiveWriter(bucket, key);
  },

  async presignDownload(key, fileName) {
    const url = await getSignedUrl(
      s3,
      new GetObjectCommand({ Bucket: bucket, Key: key, ResponseContentDisposition: contentDisposition(fileName) }),
      { expiresIn: DOWNLOAD_SECONDS },
    );
    return { url, expiresAt: new Date(Date.now() + DOWNLOAD_SECONDS * 1000).toISOString() };
  },
});

/** The `dossierArchive` dependency, wired from a function's environment (shared/use-cases/deps.ts). */
export const dossierArchiveOf = (env: { readonly BUCKET_NAME: string }) => dossierArchive(env.BUCKET_NAME);
