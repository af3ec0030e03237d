import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';

/**
 * The S3 SDK is loaded on first use, not at cold start: most functions share the dependency
 * factory but never touch a document, and should not pay ~80 ms of init for it.
 */
let loaded:
  | Promise<{
      s3: S3Client;
      sdk: typeof import('@aws-sdk/client-s3');
      getSignedUrl: typeof import('@aws-sdk/s3-request-presigner').getSignedUrl;
    }>
  | undefined;
const load = () => {
  loaded ??= Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/s3-request-presigner')]).then(
    ([sdk, presigner]) => ({
      sdk,
      getSignedUrl: presigner.getSignedUrl,
      s3: new sdk.S3Client({
        forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true',
        // The presigned PUT signs the checksum the uploader declared; the SDK must not add its own.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }),
    }),
  );
  return loaded;
};

/** Server-chosen keys only: the user's file name never appears in a key. */
export const objectKey = (projectId: string, kind: string, documentId: string) =>
  `projects/${projectId}/${kind}/${documentId}`;

export const parseObjectKey = (key: string) => {
  const match = /^projects\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(key);
  return match
    ? { projectId: match[1] as string, kind: match[2] as string, documentId: match[3] as string }
    : undefined;
};

/** RFC 6266 / 5987: an ASCII fallback and the exact Unicode name. */
export const contentDisposition = (fileName: string) => {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
};

const SNIFF_BYTES = 4100;

export const documentObjects = (bucket: string) => ({
  /**
   * A presigned PUT that signs the content type, the length and the SHA-256 checksum: S3 refuses
   * any other body. The checksum header stays a header (not hoisted into the query) so the
   * browser must send exactly what was declared.
   */
  async presignUpload(input: {
    key: string;
    contentType: string;
    sizeBytes: number;
    sha256: string;
    expiresIn: number;
  }) {
    const { s3, sdk, getSignedUrl } = await load();
    const checksum = Buffer.from(input.sha256, 'hex').toString('base64');
    const command = new sdk.PutObjectCommand({
      Bucket: bucket,
      Key: input.key,
      ContentType: input.contentType,
      ContentLength: input.sizeBytes,
      ChecksumSHA256: checksum,
    });
    const url = await getSignedUrl(s3, command, {
      expiresIn: input.expiresIn,
      signableHeaders: new Set(['content-type', 'content-length', 'x-amz-checksum-sha256']),
      unhoistableHeaders: new Set(['x-amz-checksum-sha256']),
    });
    return { url, headers: { 'content-type': input.contentType, 'x-amz-checksum-sha256': checksum } };
  },

  /**
   * A presigned GET that overrides the response's Content-Type (the verified type) and
   * Content-Disposition (`attachment`, under the name given): the browser saves the file, never
   * renders it. S3 overrides only Content-Type, Content-Disposition, Content-Encoding,
   * Content-Language, Cache-Control and Expires (the response-* parameters), and stores no other
   * response header as object metadata, so `X-Content-Type-Options: nosniff` cannot be set from
   * here: that takes a CloudFront response headers policy in front of the bucket.
   */
  async presignDownload(input: {
    key: string;
    versionId: string | null;
    fileName: string;
    contentType: string;
    expiresIn: number;
  }) {
    const { s3, sdk, getSignedUrl } = await load();
    const command = new sdk.GetObjectCommand({
      Bucket: bucket,
      Key: input.key,
      ...(input.versionId ? { VersionId: input.versionId } : {}),
      ResponseContentType: input.contentType,
      ResponseContentDisposition: contentDisposition(input.fileName),
    });
    return getSignedUrl(s3, command, { expiresIn: input.expiresIn });
  },

  /**
   * Streams the object once: SHA-256 and size over every byte, the first bytes kept for the
   * magic-byte check. Memory stays flat whatever the size.
   */
  async inspect(key: string, versionId?: string) {
    const { s3, sdk } = await load();
    const object = await s3.send(
      new sdk.GetObjectCommand({ Bucket: bucket, Key: key, ...(versionId ? { VersionId: versionId } : {}) }),
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
    const { fileTypeFromBuffer } = await import('file-type');
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
    const { s3, sdk } = await load();
    const target = `quarantine/${key}`;
    await s3.send(
      new sdk.CopyObjectCommand({
        Bucket: bucket,
        Key: target,
        CopySource: `${bucket}/${encodeURI(key)}${versionId ? `?versionId=${versionId}` : ''}`,
      }),
    );
    await s3.send(new sdk.DeleteObjectCommand({ Bucket: bucket, Key: key }));
    return target;
  },
});
export type DocumentObjects = ReturnType<typeof documentObjects>;

/** The `objects` dependency, wired from a function's environment (shared/use-cases/deps.ts). */
export const objects = (env: { readonly BUCKET_NAME: string }) => documentObjects(env.BUCKET_NAME);
