import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { downloadName, type ProjectDocument } from '#shared/domain/document.schema.ts';
import { traced } from '#shared/observability/tracer.ts';
import type { DocumentObjectStore } from '#shared/use-cases/ports.ts';

/** Created once per cold start; s3rver (locally) answers path-style requests only. */
export const s3 = traced(
  new S3Client({
    forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true',
    // The presigned PUT signs the checksum the uploader declared; the SDK must not add its own.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  }),
);

/** Server-chosen keys only: the user's file name never appears in a key. */
export const objectKey = (document: Pick<ProjectDocument, 'projectId' | 'kind' | 'id'>) =>
  `projects/${document.projectId}/${document.kind}/${document.id}`;

/** The document a key would belong to, if it has the shape of one. */
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

/** Presigned URLs for a document's bytes: nothing passes through a function's body. */
export const documentObjects = (bucket: string) => ({
  /**
   * A presigned PUT that signs the content type, the length, the SHA-256 checksum and
   * `If-None-Match: *`: S3 refuses any other body, and refuses the PUT once the key holds an object
   * (a conditional write), so a URL replayed after verification cannot lay new bytes over a
   * verified document. The signed headers stay headers (not hoisted into the query) so the
   * browser must send exactly these.
   */
  async presignUpload(document: ProjectDocument, expiresIn: number) {
    const checksum = Buffer.from(document.sha256, 'hex').toString('base64');
    const command = new PutObjectCommand({
      Bucket: bucket,
      Key: objectKey(document),
      ContentType: document.contentType,
      ContentLength: document.sizeBytes,
      ChecksumSHA256: checksum,
      IfNoneMatch: '*',
    });
    const url = await getSignedUrl(s3, command, {
      expiresIn,
      signableHeaders: new Set(['content-type', 'content-length', 'x-amz-checksum-sha256', 'if-none-match']),
      unhoistableHeaders: new Set(['x-amz-checksum-sha256', 'if-none-match']),
    });
    return {
      url,
      headers: { 'content-type': document.contentType, 'x-amz-checksum-sha256': checksum, 'if-none-match': '*' },
    };
  },

  /**
   * A presigned GET of the version the record points at (the one verified: a later object under
   * the key, which the versioned bucket keeps apart, is never what a download serves), overriding the response's Content-Type
   * (the type it was verified to be) and Content-Disposition (`attachment`, under its file name with
   * that type's extension): the browser saves the file, never renders it. S3 overrides only
   * Content-Type, Content-Disposition, Content-Encoding, Content-Language, Cache-Control and Expires
   * (the response-* parameters) and stores no other response header as object metadata, so
   * `X-Content-Type-Options: nosniff` cannot be set from here: that takes a CloudFront response
   * headers policy in front of the bucket.
   */
  presignDownload(document: ProjectDocument, expiresIn: number) {
    const command = new GetObjectCommand({
      Bucket: bucket,
      Key: objectKey(document),
      ...(document.versionId ? { VersionId: document.versionId } : {}),
      ResponseContentType: document.contentType,
      ResponseContentDisposition: contentDisposition(downloadName(document.fileName, document.contentType)),
    });
    return getSignedUrl(s3, command, { expiresIn });
  },
});
// The store is what its port asks for (the compiler holds the two together).
documentObjects satisfies (bucket: string) => DocumentObjectStore;

/** The `objects` dependency, wired from a function's environment (shared/use-cases/deps.ts). */
export const objects = (env: { readonly BUCKET_NAME: string }) => documentObjects(env.BUCKET_NAME);
