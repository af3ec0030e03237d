import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS } from '#infra/local/runtime.ts';
import { call, runtime } from './support/client.ts';
import {
  createProject,
  eventually,
  pdfBytes,
  people,
  pngBytes,
  readyProject,
  sha256,
  submit,
  uniqueDept,
  upload,
} from './support/scenario.ts';

const declare = async (projectId: string, token: string, body: Record<string, unknown>) =>
  call<{ code: string; document: { id: string }; upload: { url: string } }>(
    'POST',
    `/v1/projects/${projectId}/documents`,
    {
      token,
      body: {
        kind: 'construction-plan',
        fileName: 'plan.pdf',
        contentType: 'application/pdf',
        sizeBytes: 100,
        sha256: 'a'.repeat(64),
        ...body,
      },
    },
  );

const documentsTable = () =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: runtime().dynamodb, region: 'cn-north-1', credentials: LOCAL_CREDENTIALS }),
  );

const s3 = () =>
  new S3Client({ endpoint: runtime().s3, forcePathStyle: true, region: 'cn-north-1', credentials: LOCAL_CREDENTIALS });

describe('documents: presigned uploads verified on arrival', () => {
  it('verifies a real upload made with fetch to the presigned URL', async () => {
    const { staff } = people(uniqueDept('docs'));
    const project = await createProject(await staff());
    const result = await upload(project.id, await staff(), 'construction-plan', {
      fileName: '县指挥平台建设方案（第2版）.pdf',
    });
    expect(result.status).toBe('verified');
    const list = await call<{ items: { id: string; status: string; fileName: string }[] }>(
      'GET',
      `/v1/projects/${project.id}/documents`,
      {
        token: await staff(),
      },
    );
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id: result.documentId,
        status: 'verified',
        fileName: '县指挥平台建设方案（第2版）.pdf',
      }),
    ]);
  });

  it('rejects a body whose hash differs from the declared one, and a PNG declared as PDF', async () => {
    const { staff } = people(uniqueDept('bad-docs'));
    const project = await createProject(await staff());
    const wrongHash = await upload(project.id, await staff(), 'construction-plan', {
      bytes: pdfBytes('actual'),
      declaredSha: sha256(pdfBytes('declared')),
    });
    expect(wrongHash.status).toBe('rejected');
    const png = await upload(project.id, await staff(), 'expert-opinion', {
      bytes: pngBytes(),
      contentType: 'application/pdf',
    });
    expect(png.status).toBe('rejected');
    const read = await call<{ rejectionReason: string }>(
      'GET',
      `/v1/projects/${project.id}/documents/${png.documentId}`,
      {
        token: await staff(),
      },
    );
    expect(read.body.rejectionReason).toMatch(/image\/png/);
    const download = await call('GET', `/v1/projects/${project.id}/documents/${png.documentId}/download`, {
      token: await staff(),
    });
    expect(download.status).toBe(409);
  });

  it('answers a repeated Idempotency-Key with the same document and a fresh URL (none once uploaded), another body with 409', async () => {
    const { staff } = people(uniqueDept('doc-idem'));
    const token = await staff();
    const project = await createProject(token);
    const bytes = pdfBytes('idempotent');
    const body = {
      kind: 'construction-plan',
      fileName: 'plan.pdf',
      contentType: 'application/pdf',
      sizeBytes: bytes.length,
      sha256: sha256(bytes),
    };
    const ask = (b: Record<string, unknown>) =>
      call<{ document: { id: string }; upload: { url: string; headers: Record<string, string> } | null }>(
        'POST',
        `/v1/projects/${project.id}/documents`,
        { token, headers: { 'idempotency-key': 'plan-upload-1' }, body: b },
      );
    const [first, second] = await Promise.all([ask(body), ask(body)]);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.document.id).toBe(first.body.document.id);
    const listed = await call<{ items: unknown[] }>('GET', `/v1/projects/${project.id}/documents`, { token });
    expect(listed.body.items).toHaveLength(1);
    expect((await ask({ ...body, fileName: 'other.pdf' })).status).toBe(409);

    const retried = second.body.upload;
    if (!retried) throw new Error('a pending document is answered with an upload URL');
    const put = await fetch(retried.url, { method: 'PUT', headers: retried.headers, body: bytes });
    expect(put.status).toBe(200);
    await eventually(async () => {
      const read = await call<{ status: string }>(
        'GET',
        `/v1/projects/${project.id}/documents/${first.body.document.id}`,
        { token },
      );
      return read.body.status === 'verified' ? true : undefined;
    });
    const late = await ask(body);
    expect([late.status, late.body.document.id, late.body.upload]).toEqual([201, first.body.document.id, null]);
    expect(late.body.document).toMatchObject({ status: 'verified' });
  });

  it('refuses a repeated Idempotency-Key once the caller may no longer attach that kind (403 ART04-ROLE)', async () => {
    const { project, staff } = await readyProject();
    const token = await staff();
    const bytes = pdfBytes('late-plan');
    const ask = () =>
      call('POST', `/v1/projects/${project.id}/documents`, {
        token,
        headers: { 'idempotency-key': 'plan-before-submit' },
        body: {
          kind: 'construction-plan',
          fileName: 'plan-v2.pdf',
          contentType: 'application/pdf',
          sizeBytes: bytes.length,
          sha256: sha256(bytes),
        },
      });
    expect((await ask()).status).toBe(201);
    await submit(project.id, token);
    const replay = await ask();
    expect([replay.status, replay.body]).toEqual([403, expect.objectContaining({ code: 'ART04-ROLE' })]);
  });

  it('lists documents a page at a time (API.md § Lists) and refuses a cursor from another listing with 400', async () => {
    const { staff } = people(uniqueDept('doc-pages'));
    const token = await staff();
    const project = await createProject(token);
    for (const name of ['a', 'b', 'c']) {
      expect((await declare(project.id, token, { fileName: `${name}.pdf` })).status).toBe(201);
    }
    type Listing = { items: { fileName: string }[]; nextCursor: string | null };
    const path = `/v1/projects/${project.id}/documents`;
    const first = await call<Listing>('GET', `${path}?limit=2`, { token });
    expect([first.status, first.body.items.length]).toEqual([200, 2]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const rest = await call<Listing>('GET', `${path}?limit=2&cursor=${first.body.nextCursor}`, { token });
    expect(rest.body).toEqual({ items: [expect.anything()], nextCursor: null });
    expect([...first.body.items, ...rest.body.items].map((d) => d.fileName).sort()).toEqual([
      'a.pdf',
      'b.pdf',
      'c.pdf',
    ]);

    const events = await call<Listing>('GET', `/v1/projects/${project.id}/events?limit=1`, { token });
    const foreign = await call<{ violations: { path: string }[] }>('GET', `${path}?cursor=${events.body.nextCursor}`, {
      token,
    });
    expect([foreign.status, foreign.body.violations[0]?.path]).toEqual([400, 'query.cursor']);
  });

  it('refuses a declared 200 MB file with 413 before any URL is issued', async () => {
    const { staff } = people(uniqueDept('big'));
    const project = await createProject(await staff());
    const response = await declare(project.id, await staff(), { sizeBytes: 200 * 1024 * 1024 });
    expect(response.status).toBe(413);
    expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(JSON.stringify(response.body)).not.toMatch(/X-Amz-Signature/i);
    const list = await call<{ items: unknown[] }>('GET', `/v1/projects/${project.id}/documents`, {
      token: await staff(),
    });
    expect(list.body.items).toEqual([]);
  });

  it('answers an unknown kind, type or hash with 400 VALIDATION naming the field, and a kind not allowed at this stage with 403', async () => {
    const { staff } = people(uniqueDept('kinds'));
    const project = await createProject(await staff());
    const invalid = async (body: Record<string, unknown>) => {
      const answer = await declare(project.id, await staff(), body);
      const { violations } = answer.body as unknown as { violations: { path: string }[] };
      return [answer.status, answer.body.code, violations.map((v) => v.path)];
    };
    expect(await invalid({ kind: 'love-letter' })).toEqual([400, 'VALIDATION', ['kind']]);
    const notNow = await declare(project.id, await staff(), { kind: 'tech-review-opinion' });
    expect([notNow.status, notNow.body.code]).toEqual([403, 'ART04-ROLE']);
    expect(await invalid({ sha256: 'xyz' })).toEqual([400, 'VALIDATION', ['sha256']]);
    expect(await invalid({ contentType: 'application/x-msdownload' })).toEqual([400, 'VALIDATION', ['contentType']]);
  });

  it('lets no other department create, list or download', async () => {
    const owner = people(uniqueDept('owner'));
    const other = people(uniqueDept('other'));
    const project = await createProject(await owner.staff());
    const doc = await upload(project.id, await owner.staff(), 'construction-plan');
    expect((await declare(project.id, await other.staff(), {})).status).toBe(404);
    expect((await call('GET', `/v1/projects/${project.id}/documents`, { token: await other.staff() })).status).toBe(
      404,
    );
    expect(
      (
        await call('GET', `/v1/projects/${project.id}/documents/${doc.documentId}/download`, {
          token: await other.staff(),
        })
      ).status,
    ).toBe(404);
  });

  it('serves a verified document by a 5-minute presigned GET under its original Unicode name', async () => {
    const { staff } = people(uniqueDept('download'));
    const project = await createProject(await staff());
    const bytes = pdfBytes('download me');
    const doc = await upload(project.id, await staff(), 'construction-plan', { bytes, fileName: '方案 "终稿".pdf' });
    const response = await call<{ url: string; expiresAt: string }>(
      'GET',
      `/v1/projects/${project.id}/documents/${doc.documentId}/download`,
      {
        token: await staff(),
      },
    );
    expect(response.status).toBe(200);
    expect(response.body.url).toMatch(/X-Amz-Expires=300/);
    const fetched = await fetch(response.body.url);
    expect(Buffer.from(await fetched.arrayBuffer()).equals(bytes)).toBe(true);
    expect(new URL(response.body.url).searchParams.get('response-content-disposition')).toContain(
      "filename*=UTF-8''%E6%96%B9%E6%A1%88%20%22%E7%BB%88%E7%A8%BF%22.pdf",
    );
  });

  it('refuses a file name whose extension disagrees with the declared type (a PDF polyglot named report.html), naming fileName', async () => {
    const { staff } = people(uniqueDept('polyglot'));
    const project = await createProject(await staff());
    const token = await staff();
    for (const fileName of ['report.html', 'report', 'report.pdf.html', '.pdf']) {
      const refused = await declare(project.id, token, { fileName });
      const problem = refused.body as unknown as { code: string; violations: { path: string }[] };
      expect([refused.status, problem.code, problem.violations[0]?.path], fileName).toEqual([
        400,
        'VALIDATION',
        'fileName',
      ]);
    }
    for (const fileName of ['scan.jpg', 'scan.jpeg', 'SCAN.JPG']) {
      expect((await declare(project.id, token, { fileName, contentType: 'image/jpeg' })).status, fileName).toBe(201);
    }
    expect((await declare(project.id, token, { fileName: '报告.PDF' })).status).toBe(201);
  });

  it("serves a download as the type it was verified to be, as an attachment, under that type's extension", async () => {
    const { staff } = people(uniqueDept('served-as'));
    const project = await createProject(await staff());
    const polyglot = Buffer.from('%PDF-1.7\n<html><script>alert(document.domain)</script></html>\n%%EOF\n');
    const doc = await upload(project.id, await staff(), 'construction-plan', {
      bytes: polyglot,
      fileName: 'report.pdf',
    });
    expect(doc.status).toBe('verified');
    // As a version before this check stored it: the name says HTML, the verified type is PDF.
    await documentsTable().send(
      new UpdateCommand({
        TableName: runtime().tableName,
        Key: { PK: `PROJECT#${project.id}`, SK: `DOC#${doc.documentId}` },
        UpdateExpression: 'SET fileName = :name',
        ExpressionAttributeValues: { ':name': 'report.html' },
      }),
    );
    const response = await call<{ url: string }>(
      'GET',
      `/v1/projects/${project.id}/documents/${doc.documentId}/download`,
      {
        token: await staff(),
      },
    );
    expect(response.status).toBe(200);
    const query = new URL(response.body.url).searchParams;
    expect(query.get('response-content-type')).toBe('application/pdf');
    expect(query.get('response-content-disposition')).toBe(
      `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`,
    );
    // S3 has no response-* override for X-Content-Type-Options (nor does s3rver): it is not in the URL.
    expect([...query.keys()].filter((key) => key.startsWith('response-')).sort()).toEqual([
      'response-content-disposition',
      'response-content-type',
    ]);
    // s3rver honours both overrides, as S3 does.
    const fetched = await fetch(response.body.url);
    expect(fetched.headers.get('content-type')).toBe('application/pdf');
    expect(fetched.headers.get('content-disposition')).toMatch(/^attachment; filename="report\.pdf"/);
    expect(Buffer.from(await fetched.arrayBuffer()).equals(polyglot)).toBe(true);
  });

  it('quarantines an object whose key matches no pending document, and never lets a re-upload change a verified record', async () => {
    const { staff } = people(uniqueDept('stray'));
    const project = await createProject(await staff());
    const { bucketName } = runtime();
    const strayKey = `projects/${project.id}/construction-plan/not-a-document`;
    await s3().send(new PutObjectCommand({ Bucket: bucketName, Key: strayKey, Body: pdfBytes() }));
    await eventually(async () => {
      try {
        await s3().send(new GetObjectCommand({ Bucket: bucketName, Key: `quarantine/${strayKey}` }));
        return true;
      } catch {
        return undefined;
      }
    });
    const list = await call<{ items: unknown[] }>('GET', `/v1/projects/${project.id}/documents`, {
      token: await staff(),
    });
    expect(list.body.items).toEqual([]);

    const doc = await upload(project.id, await staff(), 'construction-plan');
    const before = await call<{ status: string; sha256: string; verifiedAt: string }>(
      'GET',
      `/v1/projects/${project.id}/documents/${doc.documentId}`,
      {
        token: await staff(),
      },
    );
    await s3().send(
      new PutObjectCommand({
        Bucket: bucketName,
        Key: `projects/${project.id}/construction-plan/${doc.documentId}`,
        Body: pngBytes(),
      }),
    );
    await new Promise((r) => setTimeout(r, 300));
    const after = await call('GET', `/v1/projects/${project.id}/documents/${doc.documentId}`, { token: await staff() });
    expect(after.body).toEqual(before.body);
  });

  it('never returns a presigned signature except in the one response that issues it, nor logs one', async () => {
    const { staff } = people(uniqueDept('secrets'));
    const project = await createProject(await staff());
    const doc = await upload(project.id, await staff(), 'construction-plan');
    for (const path of [
      `/v1/projects/${project.id}`,
      `/v1/projects/${project.id}/documents`,
      `/v1/projects/${project.id}/documents/${doc.documentId}`,
      `/v1/projects/${project.id}/events`,
    ]) {
      const response = await call('GET', path, { token: await staff() });
      expect(JSON.stringify(response.body), path).not.toMatch(/X-Amz-Signature|X-Amz-Credential/i);
    }
    const log = readFileSync(`${runtime().dataDir}/runtime.log`, 'utf8');
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toMatch(/X-Amz-Signature/i);
  });
});
