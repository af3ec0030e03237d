import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS } from '#infra/local/runtime.ts';
import { call, runtime, tokenFor } from './support/client.ts';
import { directDeps } from './support/direct.ts';
import { daysFromToday, doc, planned, post, thisYear, today } from './support/lifecycle.ts';
import {
  bureau,
  createProject,
  decide,
  emergencyBody,
  people,
  readyProject,
  registerDepartment,
  submit,
  uniqueDept,
  waitForStage,
} from './support/scenario.ts';

interface PublicProject {
  code: string;
  name: string;
  departmentName: string;
  stage: string;
  approvedBudgetFen: number;
  approvedOn: string;
  acceptedOn: string | null;
  notices: { publishedOn: string; url: string | null }[];
}
interface PublicPage {
  items: PublicProject[];
  nextCursor: string | null;
}

/** API.md § Public register: these keys and no other, whatever the project carries. */
const PUBLIC_KEYS = [
  'acceptedOn',
  'approvedBudgetFen',
  'approvedOn',
  'category',
  'code',
  'departmentName',
  'name',
  'notices',
  'stage',
];

/** Every page of a year (other test files approve projects this year too): the register as the public reads it. */
const wholeYear = async (year: number, token?: string): Promise<PublicProject[]> => {
  const items: PublicProject[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `year=${year}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = await call<PublicPage>('GET', `/public/v1/projects?${query}`, token ? { token } : {});
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
};

describe('the public register (GET /public/v1/projects, 政务公开)', () => {
  const NOTICE_URL = 'https://ggzy.lingchuan.example/notice?id=1&kind=<公开招标>';
  let approved: { id: string; code: string; ownerDeptId: string };
  let draftCode: string;
  let rejectedCode: string;

  beforeAll(async () => {
    const partner = uniqueDept('public-partner');
    await registerDepartment(partner);
    // A project carrying every field a declaration may: an emergency, co-builders, a city–county
    // share, interoperation, documents; approved, then its procurement plan and a notice published.
    const rich = readyProject({
      name: '县应急指挥<调度>&数据平台',
      coBuilderDeptIds: [partner],
      cityCountyCoBuild: { countyShareFen: 20_000_000, countyOmShareFen: 1_000_000 },
      emergency: emergencyBody({ event: { name: '特大暴雨', occurredOn: daysFromToday(-30) } }),
      deployment: { target: 'public-cloud', migrationPlan: '迁移方案' },
    }).then(async ({ project, staff, dept }) => {
      // ART11: the co-builder confirms before the lead department submits.
      await post(`/v1/projects/${project.id}/confirmations`, await people(partner).head(), undefined, 201);
      await submit(project.id, await staff());
      expect((await decide(project.id, 1, 'tech-review', 'approve', await bureau('data-bureau'))).status).toBe(200);
      await waitForStage(project.id, await staff(), 'approved');
      const token = await staff();
      await planned(project.id, token, 50_000_000);
      const noticeDocumentId = await doc(project.id, token, 'procurement-notice');
      await post(
        `/v1/projects/${project.id}/procurement-notices`,
        token,
        { noticeDocumentId, publishedOn: today(), url: NOTICE_URL },
        201,
      );
      return { id: project.id, code: project.code, ownerDeptId: dept };
    });
    const draft = (async () => {
      const dept = uniqueDept('public-draft');
      await registerDepartment(dept);
      return createProject(await people(dept).staff());
    })();
    const rejected = readyProject().then(async ({ project, staff }) => {
      await submit(project.id, await staff());
      await decide(project.id, 1, 'tech-review', 'reject', await bureau('data-bureau'));
      await waitForStage(project.id, await staff(), 'rejected');
      return project;
    });
    [approved, { code: draftCode }, { code: rejectedCode }] = await Promise.all([rich, draft, rejected]);
  }, 240_000);

  it('lists an approved project with exactly the contract keys, no token needed, cached five minutes', async () => {
    const response = await call<PublicPage>('GET', `/public/v1/projects?year=${thisYear()}&limit=200`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    const listed = (await wholeYear(thisYear())).find((p) => p.code === approved.code);
    expect(listed).toBeDefined();
    expect(Object.keys(listed ?? {}).sort()).toEqual(PUBLIC_KEYS);
    expect(listed?.notices.map((notice) => Object.keys(notice).sort())).toEqual([
      ['publishedOn', 'url'],
      ['publishedOn', 'url'],
    ]);
    expect(listed).toEqual({
      code: approved.code,
      name: '县应急指挥<调度>&数据平台',
      departmentName: `${approved.ownerDeptId} 局`,
      category: 'application-system',
      stage: 'procurement',
      // No finance review below 600,000 CNY: the approved estimate stands for the budget.
      approvedBudgetFen: 58_000_000,
      approvedOn: today(),
      acceptedOn: null,
      // The plan's helper published one without an address; this test one with.
      notices: [
        { publishedOn: daysFromToday(-15), url: null },
        { publishedOn: today(), url: NOTICE_URL },
      ],
    });
  });

  it('never lists a draft or a rejected project', async () => {
    const codes = (await wholeYear(thisYear())).map((p) => p.code);
    expect(codes).toContain(approved.code);
    expect(codes).not.toContain(draftCode);
    expect(codes).not.toContain(rejectedCode);
  });

  it('answers a caller with a token the same (a token is neither required nor refused)', async () => {
    const token = await tokenFor({ roles: ['dept-staff'], dept: 'public-reader', sub: 'public-reader' });
    const withToken = (await wholeYear(thisYear(), token)).find((p) => p.code === approved.code);
    const without = (await wholeYear(thisYear())).find((p) => p.code === approved.code);
    expect(withToken).toEqual(without);
    const expired = await call('GET', `/public/v1/projects?year=${thisYear()}`, { token: 'not-a-jwt' });
    expect(expired.status).toBe(200);
  });

  it('serves the same projects as a valid Atom 1.0 feed, escaped, in UTF-8', async () => {
    const response = await fetch(`${runtime().url}/public/v1/projects.atom?year=${thisYear()}&limit=200`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(response.headers.get('content-disposition')).toBeNull();
    const xml = await response.text();
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"')).toBe(
      true,
    );
    // The department's text is escaped, never markup (the browser test parses the feed with a strict XML parser).
    expect(xml).toContain('县应急指挥&lt;调度&gt;&amp;数据平台');
    expect(xml).not.toContain('<调度>');
    expect(xml).toMatch(new RegExp(`<updated>${thisYear()}-\\d{2}-\\d{2}T00:00:00\\+08:00</updated>`));
    const entries = [...xml.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map(([, body]) => ({
      id: /<id>(.*?)<\/id>/.exec(body ?? '')?.[1],
      code: /<title>(\S+) /.exec(body ?? '')?.[1],
      updated: /<updated>(.*?)<\/updated>/.exec(body ?? '')?.[1],
      summary: /<summary>(.*?)<\/summary>/.exec(body ?? '')?.[1],
    }));
    // Read after the feed (other files approve projects meanwhile, and none ever leaves the register):
    // every project of the feed is one the JSON lists.
    const listed = new Set((await wholeYear(thisYear())).map((p) => p.code));
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.filter((e) => !listed.has(e.code ?? ''))).toEqual([]);
    const mine = entries.find((e) => e.code === approved.code);
    expect(mine?.id).toBe(`tag:lingchuan-data.example,${thisYear()}:project/${approved.code}`);
    expect(mine?.updated).toBe(`${today()}T00:00:00+08:00`);
    expect(mine?.summary).toContain('580000.00');
    expect(xml).toContain(`href="${NOTICE_URL.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}"`);
  });

  it('lists a project approved before the register existed once the backfill has run, and a second run changes nothing (scripts/backfill-public-register.ts)', async () => {
    const table = DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint: runtime().dynamodb, region: 'cn-north-1', credentials: LOCAL_CREDENTIALS }),
    );
    const key = { PK: `PROJECT#${approved.id}`, SK: 'META' };
    const stored = async () =>
      (await table.send(new GetCommand({ TableName: runtime().tableName, Key: key, ConsistentRead: true }))).Item;
    const listed = (await wholeYear(thisYear())).find((p) => p.code === approved.code);
    expect(listed).toBeDefined();
    // The project as the repository wrote it before the register existed: no register keys, no day of approval kept.
    await table.send(
      new UpdateCommand({
        TableName: runtime().tableName,
        Key: key,
        UpdateExpression: 'REMOVE GSI7PK, GSI7SK, approvedOn',
      }),
    );
    expect((await wholeYear(thisYear())).map((p) => p.code)).not.toContain(approved.code);
    const version = (await stored())?.version;

    await directDeps();
    const { backfillPublicRegister } = await import('#shared/store/public-register-backfill.ts');
    const first = await backfillPublicRegister(runtime().tableName);
    expect(first.listed).toBeGreaterThanOrEqual(1);
    // Listed as it was, its day of approval told from its approval round; the project itself unchanged.
    expect((await wholeYear(thisYear())).find((p) => p.code === approved.code)).toEqual(listed);
    expect((await stored())?.version).toBe(version);

    const second = await backfillPublicRegister(runtime().tableName);
    expect(second.listed).toBe(0);
    expect((await wholeYear(thisYear())).filter((p) => p.code === approved.code)).toEqual([listed]);
  });

  it('refuses a year that is not one, naming the field (400)', async () => {
    for (const year of ['20x6', '1999', '2026.5']) {
      const refused = await call<{ code: string; violations: { path: string }[] }>(
        'GET',
        `/public/v1/projects?year=${year}`,
      );
      expect(refused.status, year).toBe(400);
      expect(refused.body.code).toBe('VALIDATION');
      expect(refused.body.violations.map((v) => v.path)).toEqual(['query.year']);
    }
    const atom = await call('GET', '/public/v1/projects.atom?year=abc');
    expect(atom.status).toBe(400);
  });
});
