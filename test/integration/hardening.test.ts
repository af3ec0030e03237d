import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS } from '#infra/local/runtime.ts';
import { shanghaiDate } from '#shared/domain/calendar.ts';
import { call, runtime, tokenFor } from './support/client.ts';
import { createProject, eventually, pdfBytes, people, projectBody, sha256, uniqueDept } from './support/scenario.ts';

/** Issue #22, items 3, 4, 5 and 7: each refusal is named by the field or code it refuses. */
type Problem = { status: number; code: string; violations?: { code?: string; path?: string; message: string }[] };

const admin = () => tokenFor({ roles: ['admin'], sub: 'hardening-admin' });
const dataBureau = () => tokenFor({ roles: ['data-bureau'], sub: 'hardening-data-bureau' });

const table = () =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: runtime().dynamodb, region: 'cn-north-1', credentials: LOCAL_CREDENTIALS }),
  );

const declareDocument = (projectId: string, token: string, bytes: Buffer) =>
  call<{ document: { id: string }; upload: { url: string; headers: Record<string, string> } }>(
    'POST',
    `/v1/projects/${projectId}/documents`,
    {
      token,
      body: {
        kind: 'construction-plan',
        fileName: 'plan.pdf',
        contentType: 'application/pdf',
        sizeBytes: bytes.length,
        sha256: sha256(bytes),
      },
    },
  );

describe('departments (issue #22 item 3)', () => {
  it('refuses unknown keys (approvedBudgetFen, ownerDeptId) with 400 naming each, where it used to drop them', async () => {
    const response = await call<Problem>('PUT', `/v1/departments/${uniqueDept('strict')}`, {
      token: await admin(),
      body: { name: '县水务局', approvedBudgetFen: 1, ownerDeptId: 'finance' },
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('approvedBudgetFen');
    expect(JSON.stringify(response.body)).toContain('ownerDeptId');
    const nested = await call<Problem>('PUT', `/v1/departments/${uniqueDept('strict')}`, {
      token: await admin(),
      body: { name: '县水务局', dataManagementUnit: { name: '信息股', contact: '0356', extra: true } },
    });
    expect(nested.status).toBe(400);
  });

  it('lets only an administrator set bureauRole (ART04-ROLE for the Data Bureau), keeps it on the Data Bureau’s replacement, and audits every change', async () => {
    const id = uniqueDept('bureau');
    const refused = await call<Problem>('PUT', `/v1/departments/${id}`, {
      token: await dataBureau(),
      body: { name: '县财政局', bureauRole: 'finance' },
    });
    expect([refused.status, refused.body.code]).toEqual([403, 'ART04-ROLE']);
    expect(JSON.stringify(refused.body)).toContain('bureauRole');

    const made = await call<{ bureauRole: string | null }>('PUT', `/v1/departments/${id}`, {
      token: await admin(),
      body: { name: '县财政局', bureauRole: 'finance' },
    });
    expect([made.status, made.body.bureauRole]).toEqual([200, 'finance']);
    // The Data Bureau renames it: saying the role again, or not at all, keeps it; changing it is refused.
    for (const body of [{ name: '陵川县财政局' }, { name: '陵川县财政局', bureauRole: 'finance' }]) {
      const renamed = await call<{ bureauRole: string | null }>('PUT', `/v1/departments/${id}`, {
        token: await dataBureau(),
        body,
      });
      expect([renamed.status, renamed.body.bureauRole]).toEqual([200, 'finance']);
    }
    for (const bureauRole of ['data-bureau', null]) {
      const changed = await call<Problem>('PUT', `/v1/departments/${id}`, {
        token: await dataBureau(),
        body: { name: '陵川县财政局', bureauRole },
      });
      expect([changed.status, changed.body.code], String(bureauRole)).toEqual([403, 'ART04-ROLE']);
    }

    const audit = await table().send(
      new QueryCommand({
        TableName: runtime().tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :change)',
        ExpressionAttributeValues: { ':pk': `DEPT#${id}`, ':change': 'CHANGE#' },
      }),
    );
    expect(
      (audit.Items ?? []).map((item) => [
        item.version,
        item.actor.sub,
        item.from?.bureauRole ?? null,
        item.to.bureauRole,
      ]),
    ).toEqual([
      [1, 'hardening-admin', null, 'finance'],
      [2, 'hardening-data-bureau', 'finance', 'finance'],
      [3, 'hardening-data-bureau', 'finance', 'finance'],
    ]);
  });
});

describe('document declarations in a burst (issue #22 item 4)', () => {
  it('answers 40 concurrent POST …/documents on one project with 201 each, never a 409', async () => {
    const { staff } = people(uniqueDept('burst'));
    const token = await staff();
    const project = await createProject(token);
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, n) => declareDocument(project.id, token, pdfBytes(`burst-${n}`))),
    );
    expect(responses.map((r) => r.status).filter((status) => status !== 201)).toEqual([]);
    const listed = await call<{ items: unknown[] }>('GET', `/v1/projects/${project.id}/documents?limit=100`, {
      token,
    });
    expect(listed.body.items).toHaveLength(40);
    const verified = await call<{ valid: boolean }>('GET', `/v1/projects/${project.id}/events/verify`, { token });
    expect(verified.body.valid).toBe(true);
  }, 180_000);
});

describe('one text rule (issue #22 item 5)', () => {
  it('refuses an annual-plan item id of 63 NULs and names with U+2028, U+FFFE, U+FFFF, U+200E, U+061C or a tag character, naming the field and the code point', async () => {
    const year = Number(shanghaiDate(new Date()).slice(0, 4)) + 1;
    const nuls = await call<Problem>('PUT', `/v1/annual-plans/${year}`, {
      token: await dataBureau(),
      body: { items: [{ id: '\u0000'.repeat(63), deptId: 'edu', name: '智慧教育平台' }] },
    });
    expect([nuls.status, nuls.body.violations?.[0]?.path]).toEqual([400, 'items.0.id']);
    expect(nuls.body.violations?.[0]?.message).toContain('U+0000');

    const { staff } = people(uniqueDept('text22'));
    const token = await staff();
    for (const [char, named] of [
      ['\u2028', 'U+2028'],
      ['\u2029', 'U+2029'],
      ['\uFFFE', 'U+FFFE'],
      ['\uFFFF', 'U+FFFF'],
      ['\u200E', 'U+200E'],
      ['\u061C', 'U+061C'],
      ['\u{E0041}', 'U+E0041'],
    ] as const) {
      const response = await call<Problem>('POST', '/v1/projects', {
        token,
        body: projectBody({ name: `县平台${char}二期` }),
      });
      expect([response.status, response.body.violations?.map((v) => v.path)], named).toEqual([400, ['name']]);
      expect(response.body.violations?.[0]?.message, named).toContain(named);
    }
    const department = await call<Problem>('PUT', `/v1/departments/${uniqueDept('text22')}`, {
      token: await admin(),
      body: { name: '教育局\u{E0001}' },
    });
    expect([department.status, department.body.violations?.[0]?.path]).toEqual([400, 'name']);
  });
});

describe('overwrites (issue #22 item 7)', () => {
  it('signs If-None-Match: * into the presigned PUT, which the upload must send', async () => {
    const { staff } = people(uniqueDept('overwrite'));
    const token = await staff();
    const project = await createProject(token);
    const bytes = pdfBytes('overwrite');
    const declared = await declareDocument(project.id, token, bytes);
    expect(declared.status).toBe(201);
    const { url, headers } = declared.body.upload;
    expect(headers['if-none-match']).toBe('*');
    expect(new URL(url).searchParams.get('X-Amz-SignedHeaders')?.split(';')).toContain('if-none-match');
    // s3rver enforces neither the signed header nor the condition (S3 does: 403 without it, 412 once the key holds an object).
    const put = await fetch(url, { method: 'PUT', headers, body: new Uint8Array(bytes) });
    expect(put.status).toBe(200);
    const documentId = declared.body.document.id;
    const status = await eventually(async () => {
      const read = await call<{ status: string }>('GET', `/v1/projects/${project.id}/documents/${documentId}`, {
        token,
      });
      return read.body.status === 'pending' ? undefined : read.body.status;
    });
    expect(status).toBe('verified');
  });
});
