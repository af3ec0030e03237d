import { beforeAll, describe, expect, it } from 'vitest';
import type { ProjectDocument } from '#shared/domain/document.schema.ts';

// Presigning is local arithmetic: any key pair signs, no request leaves the process.
process.env.AWS_REGION ??= 'cn-north-1';
process.env.AWS_ACCESS_KEY_ID ??= 'AKIDEXAMPLE';
process.env.AWS_SECRET_ACCESS_KEY ??= 'secret';

let objects: typeof import('#shared/store/document-objects.ts');
beforeAll(async () => {
  objects = await import('#shared/store/document-objects.ts');
});

const document: ProjectDocument = {
  id: 'doc-1',
  projectId: 'p-1',
  kind: 'construction-plan',
  fileName: '建设方案.pdf',
  contentType: 'application/pdf',
  sizeBytes: 1024,
  sha256: 'a'.repeat(64),
  status: 'verified',
  rejectionReason: null,
  versionId: '3sL4kqtJlcpXroDTDmJ-rmSpXd3dIbrHY',
  uploadedBy: 'staff',
  createdAt: new Date().toISOString(),
  verifiedAt: new Date().toISOString(),
  taskId: null,
};

describe('overwrites (issue #22 item 7)', () => {
  it('the presigned PUT signs If-None-Match: * as a header, so S3 refuses it once the key holds the verified object', async () => {
    const upload = await objects.documentObjects('bucket').presignUpload(document, 900);
    const url = new URL(upload.url);
    const signed = (url.searchParams.get('X-Amz-SignedHeaders') ?? '').split(';');
    expect(signed).toEqual(expect.arrayContaining(['if-none-match', 'x-amz-checksum-sha256', 'content-type']));
    // Signed as a header, not hoisted into the query: the uploader must send it or the signature fails.
    expect(url.searchParams.has('If-None-Match')).toBe(false);
    expect(upload.headers['if-none-match']).toBe('*');
  });

  it('the download names the version that was verified, never whatever the key holds now', async () => {
    const url = new URL(await objects.documentObjects('bucket').presignDownload(document, 300));
    expect(url.searchParams.get('versionId')).toBe(document.versionId);
    const unversioned = new URL(
      await objects.documentObjects('bucket').presignDownload({ ...document, versionId: null }, 300),
    );
    expect(unversioned.searchParams.has('versionId')).toBe(false);
  });
});
