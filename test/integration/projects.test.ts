import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS } from '#infra/local/runtime.ts';
import { call, runtime, tokenFor } from './support/client.ts';
import { thisYear } from './support/lifecycle.ts';
import {
  createProject,
  type Project,
  people,
  projectBody,
  readyProject,
  registerDepartment,
  uniqueDept,
} from './support/scenario.ts';

type Problem = {
  status: number;
  code: string;
  violations?: { code: string; article?: number; path?: string; messageZh?: string }[];
};

describe('projects over HTTP against the local runtime', () => {
  it('refuses at creation every scope violation at once (ART02-SCOPE-CLASSIFIED, ART02-SCOPE-KIND, ART07-FORBIDDEN-SCOPE, ART08-COUNTY-SHARE of construction and of O&M)', async () => {
    const { staff } = people(uniqueDept('scope'));
    const response = await call<Problem>('POST', '/v1/projects', {
      token: await staff(),
      body: projectBody({
        classified: true,
        category: 'military',
        scope: { dataCentre: true, machineRoom: false, cloudPlatform: true },
        cityCountyCoBuild: { countyShareFen: 99_000_000, countyOmShareFen: 99_000_000 },
      }),
    });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(response.body.code).toBe('ART02-SCOPE-CLASSIFIED');
    expect(response.body.violations?.map((v) => [v.code, v.path])).toEqual([
      ['ART02-SCOPE-CLASSIFIED', 'classified'],
      ['ART02-SCOPE-KIND', 'category'],
      ['ART07-FORBIDDEN-SCOPE', 'scope.dataCentre'],
      ['ART07-FORBIDDEN-SCOPE', 'scope.cloudPlatform'],
      ['ART08-COUNTY-SHARE', 'cityCountyCoBuild.countyShareFen'],
      ['ART08-COUNTY-SHARE', 'cityCountyCoBuild.countyOmShareFen'],
    ]);
    expect(response.body.violations?.every((v) => v.article && v.messageZh)).toBe(true);
  });

  it('refuses an edit that adds a forbidden scope (ART07-FORBIDDEN-SCOPE) and a malformed body with VALIDATION naming the field', async () => {
    const { staff } = people(uniqueDept('edit'));
    const project = await createProject(await staff());
    const refused = await call<Problem>('PATCH', `/v1/projects/${project.id}`, {
      token: await staff(),
      headers: { 'if-match': String(project.version) },
      body: { scope: { dataCentre: true, machineRoom: false, cloudPlatform: false } },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.violations?.map((v) => v.code)).toEqual(['ART07-FORBIDDEN-SCOPE']);
    const malformed = await call<Problem>('PATCH', `/v1/projects/${project.id}`, {
      token: await staff(),
      headers: { 'if-match': String(project.version) },
      body: { totalInvestmentFen: 12.5 },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.violations?.[0]?.path).toBe('totalInvestmentFen');
    const unchanged = await call<Project>('GET', `/v1/projects/${project.id}`, { token: await staff() });
    expect(unchanged.body.version).toBe(project.version);
  });

  it('refuses to submit an incomplete declaration listing every violation (ART09-DATA-UNIT, ART07-NO-INTEROP, ART10-HEAD-SIGNOFF, ART11-JOINT-DECLARATION, ART12-DEMAND-DOCS, ART26-GOV-CLOUD)', async () => {
    const dept = uniqueDept('incomplete');
    await registerDepartment(dept, false);
    const { staff } = people(dept);
    const project = await createProject(await staff(), {
      interop: { interconnection: '', dataSharing: '共享', businessCollaboration: '' },
      coBuilderDeptIds: ['health-bureau'],
      deployment: { target: 'public-cloud' },
    });
    const response = await call<Problem>('POST', `/v1/projects/${project.id}/submit`, { token: await staff() });
    expect(response.status).toBe(422);
    expect(new Set(response.body.violations?.map((v) => v.code))).toEqual(
      new Set([
        'ART09-DATA-UNIT',
        'ART07-NO-INTEROP',
        'ART10-HEAD-SIGNOFF',
        'ART11-JOINT-DECLARATION',
        'ART12-DEMAND-DOCS',
        'ART26-GOV-CLOUD',
      ]),
    );
    expect((await call<Project>('GET', `/v1/projects/${project.id}`, { token: await staff() })).body.stage).toBe(
      'draft',
    );
  });

  it('stores exactly 600,000.00 and 599,999.99 CNY in fen and reads them back unchanged', async () => {
    const { staff } = people(uniqueDept('money'));
    for (const fen of [60_000_000, 59_999_999]) {
      const created = await createProject(await staff(), { totalInvestmentFen: fen });
      const read = await call<Project>('GET', `/v1/projects/${created.id}`, { token: await staff() });
      expect(read.body.totalInvestmentFen).toBe(fen);
      expect(Number.isInteger(read.body.totalInvestmentFen)).toBe(true);
    }
  });

  it('gives 50 concurrent creations in one department 50 projects with 50 distinct codes and no 5xx', async () => {
    const { staff } = people(uniqueDept('burst'));
    const token = await staff();
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        call<Project>('POST', '/v1/projects', { token, body: projectBody({ name: `并发项目 ${i}` }) }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    const codes = new Set(responses.map((r) => r.body.code));
    expect(codes.size).toBe(50);
    // The code carries the declared year, which is this year in Lingchuan (project-body.ts).
    for (const code of codes) expect(code).toMatch(new RegExp(`^LC-${thisYear()}-\\d{4}$`));
  });

  it('lets exactly one of 20 concurrent PATCHes with the same If-Match win; the rest are 409 and the trail has one event for it', async () => {
    const { staff } = people(uniqueDept('race'));
    const token = await staff();
    const project = await createProject(token);
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call('PATCH', `/v1/projects/${project.id}`, {
          token,
          headers: { 'if-match': String(project.version) },
          body: { name: `改名 ${i}` },
        }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const events = await call<{ items: { action: string }[] }>('GET', `/v1/projects/${project.id}/events`, { token });
    expect(events.body.items.filter((e) => e.action === 'project.updated')).toHaveLength(1);
    const verify = await call<{ valid: boolean; count: number }>('GET', `/v1/projects/${project.id}/events/verify`, {
      token,
    });
    expect(verify.body).toMatchObject({ valid: true, count: 2 });
  });

  it('answers a stale If-Match with 409 and a missing one with 400', async () => {
    const { staff } = people(uniqueDept('ifmatch'));
    const project = await createProject(await staff());
    const stale = await call<Problem>('PATCH', `/v1/projects/${project.id}`, {
      token: await staff(),
      headers: { 'if-match': String(project.version + 5) },
      body: { name: '新名' },
    });
    expect(stale.status).toBe(409);
    const missing = await call<Problem>('PATCH', `/v1/projects/${project.id}`, {
      token: await staff(),
      body: { name: '新名' },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.violations?.[0]?.path).toBe('headers.if-match');
  });

  it('replays an Idempotency-Key with the same body and refuses it with another (409)', async () => {
    const { staff } = people(uniqueDept('idem'));
    const token = await staff();
    const headers = { 'idempotency-key': 'create-once-1' };
    const [first, second] = await Promise.all([
      call<Project>('POST', '/v1/projects', { token, headers, body: projectBody() }),
      call<Project>('POST', '/v1/projects', { token, headers, body: projectBody() }),
    ]);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.id).toBe(first.body.id);
    const other = await call('POST', '/v1/projects', { token, headers, body: projectBody({ name: '另一个' }) });
    expect(other.status).toBe(409);
  });

  it('makes /events/verify report valid: false when a stored event is changed directly in the table (ART33-RECORDS)', async () => {
    const { staff } = people(uniqueDept('tamper'));
    const token = await staff();
    const project = await createProject(token);
    await call('PATCH', `/v1/projects/${project.id}`, {
      token,
      headers: { 'if-match': '1' },
      body: { name: '第二版' },
    });
    expect(
      (await call<{ valid: boolean }>('GET', `/v1/projects/${project.id}/events/verify`, { token })).body.valid,
    ).toBe(true);

    const { dynamodb, tableName } = runtime();
    const db = DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint: dynamodb, region: 'cn-north-1', credentials: LOCAL_CREDENTIALS }),
    );
    const { Items } = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :e)',
        ExpressionAttributeValues: { ':pk': `PROJECT#${project.id}`, ':e': 'EVENT#' },
      }),
    );
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { PK: Items?.[0]?.PK, SK: Items?.[0]?.SK },
        UpdateExpression: 'SET #at = :at',
        ExpressionAttributeNames: { '#at': 'at' },
        ExpressionAttributeValues: { ':at': '2020-01-01T00:00:00.000Z' },
      }),
    );
    const verify = await call<{ valid: boolean; brokenAt: number }>('GET', `/v1/projects/${project.id}/events/verify`, {
      token,
    });
    expect(verify.body).toMatchObject({ valid: false, brokenAt: 1 });
  });

  it("keeps department A's project from department B (404, 403) and lets audit read all but change nothing (ART04-ROLE)", async () => {
    const a = people(uniqueDept('dept-a'));
    const deptB = uniqueDept('dept-b');
    const b = people(deptB);
    const project = await createProject(await a.staff());
    for (const [method, path] of [
      ['GET', `/v1/projects/${project.id}`],
      ['GET', `/v1/projects/${project.id}/events`],
      ['POST', `/v1/projects/${project.id}/submit`],
    ] as const) {
      expect((await call(method, path, { token: await b.staff() })).status, `${method} ${path}`).toBe(404);
    }
    const edit = await call('PATCH', `/v1/projects/${project.id}`, {
      token: await b.staff(),
      headers: { 'if-match': '1' },
      body: { name: 'x' },
    });
    expect(edit.status).toBe(404);
    const sign = await call('POST', `/v1/projects/${project.id}/sign-off`, {
      token: await b.head(),
      body: { internalReviewDocumentId: 'x' },
    });
    expect(sign.status).toBe(404);
    const listed = await call<{ items: Project[] }>('GET', '/v1/projects?limit=200', { token: await b.staff() });
    expect(listed.body.items.map((p) => p.id)).not.toContain(project.id);
    const listedOther = await call<{ items: Project[] }>('GET', `/v1/projects?deptId=${project.ownerDeptId}`, {
      token: await b.staff(),
    });
    expect(listedOther.body.items).toEqual([]);

    const audit = await tokenFor({ roles: ['audit'], sub: 'auditor' });
    expect((await call('GET', `/v1/projects/${project.id}`, { token: audit })).status).toBe(200);
    expect((await call('GET', `/v1/projects/${project.id}/events/verify`, { token: audit })).status).toBe(200);
    for (const [method, path] of [
      ['PATCH', `/v1/projects/${project.id}`],
      ['POST', `/v1/projects/${project.id}/submit`],
      ['POST', `/v1/projects/${project.id}/sign-off`],
      ['POST', '/v1/projects'],
    ] as const) {
      const response = await call<Problem>(method, path, { token: audit, headers: { 'if-match': '1' }, body: {} });
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(response.body.code).toBe('ART04-ROLE');
    }
    // The Audit Bureau attaches its accountability evidence (ART34) and nothing else.
    const plan = await call<Problem>('POST', `/v1/projects/${project.id}/documents`, {
      token: audit,
      body: {
        kind: 'construction-plan',
        fileName: 'plan.pdf',
        contentType: 'application/pdf',
        sizeBytes: 10,
        sha256: 'a'.repeat(64),
      },
    });
    expect(plan.status).toBe(403);
    expect(plan.body.code).toBe('ART04-ROLE');
  });

  it('shows a co-built project to the co-builder, lets its head confirm (ART11-JOINT-DECLARATION), and voids confirmations on edit', async () => {
    const lead = uniqueDept('lead');
    const partner = uniqueDept('partner');
    const { staff } = people(lead);
    const co = people(partner);
    const project = await createProject(await staff(), { coBuilderDeptIds: [partner] });
    const listed = await call<{ items: Project[] }>('GET', '/v1/projects', { token: await co.staff() });
    expect(listed.body.items.map((p) => p.id)).toContain(project.id);
    expect((await call('POST', `/v1/projects/${project.id}/submit`, { token: await co.staff() })).status).toBe(403);
    const confirmed = await call<Project>('POST', `/v1/projects/${project.id}/confirmations`, {
      token: await co.head(),
    });
    expect(confirmed.status).toBe(201);
    expect(Object.keys(confirmed.body.confirmations as object)).toEqual([partner]);
    const edited = await call<Project>('PATCH', `/v1/projects/${project.id}`, {
      token: await staff(),
      headers: { 'if-match': String(confirmed.body.version) },
      body: { name: '改后' },
    });
    expect(edited.body.confirmations).toEqual({});
  });

  it('records one confirmation for two requests with the same Idempotency-Key (ART11-JOINT-DECLARATION)', async () => {
    const partner = uniqueDept('idem-partner');
    const { staff } = people(uniqueDept('idem-lead'));
    const co = people(partner);
    const project = await createProject(await staff(), { coBuilderDeptIds: [partner] });
    const token = await co.head();
    const confirm = (key: string) =>
      call<Project>('POST', `/v1/projects/${project.id}/confirmations`, {
        token,
        headers: { 'idempotency-key': key },
      });
    const [first, second] = await Promise.all([confirm('confirm-1'), confirm('confirm-1')]);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body).toEqual(first.body);
    const events = await call<{ items: { action: string }[] }>('GET', `/v1/projects/${project.id}/events`, { token });
    expect(events.body.items.filter((e) => e.action === 'project.confirmed')).toHaveLength(1);
  });

  it('submits a complete declaration into tech-review (ART12-DEMAND-DOCS satisfied by verified documents)', async () => {
    const { project, staff } = await readyProject();
    const response = await call<Project>('POST', `/v1/projects/${project.id}/submit`, { token: await staff() });
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({
      stage: 'tech-review',
      openReviews: ['tech-review'],
      rounds: { approval: { round: 1, status: 'running', changeId: null } },
    });
  });

  it('answers a forged cursor, an oversized Idempotency-Key and an out-of-range date with 400, never 500', async () => {
    const { staff } = people(uniqueDept('forged'));
    const token = await staff();
    const forged = Buffer.from(JSON.stringify({ GSI1PK: 'DEPT#x' })).toString('base64url');
    const cursor = await call<Problem>('GET', `/v1/projects?cursor=${forged}`, { token });
    expect([cursor.status, cursor.body.violations?.[0]?.path]).toEqual([400, 'query.cursor']);
    const key = await call<Problem>('POST', '/v1/projects', {
      token,
      headers: { 'idempotency-key': 'k'.repeat(2000) },
      body: projectBody(),
    });
    expect([key.status, key.body.violations?.[0]?.path]).toEqual([400, 'headers.idempotency-key']);
    expect((await call('GET', '/v1/calendar/working-days?from=9999-12-31&add=1', { token })).status).toBe(400);
  });
});
