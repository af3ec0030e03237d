import { describe, expect, it } from 'vitest';
import { routes } from '#functions/api/routes.ts';
import { addCalendarDays, shanghaiDate } from '#shared/domain/calendar.ts';
import {
  approvedOnOf,
  type PublicEntry,
  PublicProjectSchema,
  publicListing,
  publicProject,
} from '#shared/domain/public-register.ts';
import { STAGE_TABLE, STAGES } from '#shared/domain/stages.ts';
import { buildOpenApiDocument } from '#shared/http/openapi.ts';
import { registerAtom, xmlText } from '#shared/use-cases/public/register-atom.ts';

const today = shanghaiDate(new Date());
const year = Number(today.slice(0, 4));

const entry = (overrides: Partial<PublicEntry> = {}): PublicEntry => ({
  id: 'p-1',
  code: `LC-${year}-0007`,
  name: '县社会治理综合指挥平台',
  ownerDeptId: 'public-security-bureau',
  category: 'application-system',
  stage: 'procurement',
  totalInvestmentFen: 58_000_000,
  approvedEstimateFen: 57_000_000,
  approvedBudgetFen: null,
  approvedOn: today,
  acceptedOn: null,
  ...overrides,
});

const names = (deptId: string) => (deptId === 'public-security-bureau' ? '县公安局' : deptId);

describe('the public register (政务公开): which projects', () => {
  it('lists a project from approval on and never a draft, a returned, a project under review or a rejected one', () => {
    const rounds = {};
    const listed = STAGES.filter((stage) => publicListing({ stage, approvedOn: today, rounds }) !== null);
    expect(listed).toEqual(['approved', 'procurement', 'construction', 'acceptance', 'operations', 'decommissioned']);
    // The stage table's column decides, not a list kept here: every listed stage is an approved one.
    expect(listed.every((stage) => STAGE_TABLE[stage].approved)).toBe(true);
    expect(publicListing({ stage: 'procurement', approvedOn: `${year}-03-04`, rounds })).toEqual({
      year,
      approvedOn: `${year}-03-04`,
    });
  });

  it("dates a project approved before approvedOn was kept by its declaration's approval round, not a change's", () => {
    const concludedAt = `${addCalendarDays(today, -10)}T18:30:00.000Z`; // the next morning in Lingchuan
    const round = {
      round: 1,
      status: 'approved' as const,
      changeId: null,
      passed: [],
      approvedBudgetFen: null,
      concludedAt,
      kind: null,
      subjectId: null,
    };
    expect(approvedOnOf({ approvedOn: null, rounds: { approval: round } })).toBe(addCalendarDays(today, -9));
    expect(approvedOnOf({ approvedOn: null, rounds: { approval: { ...round, changeId: 'change-1' } } })).toBeNull();
    expect(approvedOnOf({ approvedOn: null, rounds: { approval: { ...round, status: 'running' } } })).toBeNull();
    expect(approvedOnOf({ approvedOn: today, rounds: { approval: { ...round, changeId: 'change-1' } } })).toBe(today);
  });
});

describe('the public register (政务公开): what of a project', () => {
  it('projects exactly the contract fields, whatever else the entry carries', () => {
    const withPrivate = { ...entry(), documents: ['d-1'], signOff: { by: 'head' }, findings: 3 } as PublicEntry;
    const view = publicProject(withPrivate, [{ publishedOn: today, url: 'https://example.org/n' }], names);
    expect(Object.keys(view).sort()).toEqual([
      'acceptedOn',
      'approvedBudgetFen',
      'approvedOn',
      'category',
      'code',
      'departmentName',
      'name',
      'notices',
      'stage',
    ]);
    expect(view.departmentName).toBe('县公安局');
    expect(() => PublicProjectSchema.parse({ ...view, ownerDeptId: 'x' })).toThrow();
  });

  it('shows the finance budget, else the approved estimate, else the declared total', () => {
    expect(publicProject(entry({ approvedBudgetFen: 50_000_000 }), [], names).approvedBudgetFen).toBe(50_000_000);
    expect(publicProject(entry(), [], names).approvedBudgetFen).toBe(57_000_000);
    expect(publicProject(entry({ approvedEstimateFen: null }), [], names).approvedBudgetFen).toBe(58_000_000);
  });

  it('lists notices oldest first with their address or null, nothing of the document behind them', () => {
    const notices = [
      { publishedOn: today, url: 'https://example.org/2', noticeDocumentId: 'doc-2' },
      { publishedOn: addCalendarDays(today, -3), noticeDocumentId: 'doc-1' },
    ];
    expect(publicProject(entry(), notices, names).notices).toEqual([
      { publishedOn: addCalendarDays(today, -3), url: null },
      { publishedOn: today, url: 'https://example.org/2' },
    ]);
  });
});

describe('the public register as Atom', () => {
  it('escapes markup and drops what XML 1.0 cannot carry (controls, lone surrogates), keeping Chinese as it is', () => {
    expect(xmlText(`县<平台>&"'`)).toBe('县&lt;平台&gt;&amp;&quot;&apos;');
    expect(xmlText('a\u0000b\u001fc\ud800d\ufffe')).toBe('abcd');
    expect(xmlText('😀\t\n')).toBe('😀\t\n');
  });

  it('writes one entry per project dated by what the public last learnt of it, and links the next page', () => {
    const accepted = publicProject(
      entry({ code: `LC-${year}-0001`, name: '县<数据>平台', acceptedOn: today, approvedOn: `${year}-01-05` }),
      [{ publishedOn: `${year}-01-20`, url: 'https://example.org/a?x=1&y=2' }],
      names,
    );
    const xml = new TextDecoder().decode(
      registerAtom({ year, items: [accepted], nextCursor: 'abc' }, '/public/v1/projects.atom'),
    );
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">');
    expect(xml).toContain(`<id>tag:lingchuan-data.example,${year}:public-register/${year}</id>`);
    expect(xml).toContain(`<updated>${today}T00:00:00+08:00</updated>`);
    expect(xml).toContain(`<title>LC-${year}-0001 县&lt;数据&gt;平台</title>`);
    expect(xml).toContain('href="https://example.org/a?x=1&amp;y=2"');
    expect(xml).toContain(
      `<link rel="next" type="application/atom+xml" href="/public/v1/projects.atom?year=${year}&amp;cursor=abc"/>`,
    );
    expect(xml.match(/<entry>/g)).toHaveLength(1);
    // An empty year still has a valid feed with its own updated date (no clock: the edge caches the bytes).
    const empty = new TextDecoder().decode(registerAtom({ year, items: [], nextCursor: null }, '/x'));
    expect(empty).toContain(`<updated>${year}-01-01T00:00:00+08:00</updated>`);
    expect(empty).not.toContain('<entry>');
  });
});

describe('the public register in the OpenAPI document', () => {
  it('documents both routes as public (security: none), the feed as application/atom+xml', () => {
    const document = buildOpenApiDocument(routes) as unknown as {
      paths: Record<string, { get: { security: unknown[]; responses: Record<string, { content?: object }> } }>;
    };
    const list = document.paths['/public/v1/projects']?.get;
    const atom = document.paths['/public/v1/projects.atom']?.get;
    expect(list?.security).toEqual([]);
    expect(atom?.security).toEqual([]);
    expect(Object.keys(atom?.responses['200']?.content ?? {})).toEqual(['application/atom+xml; charset=utf-8']);
    expect(list?.responses['401']).toBeUndefined();
  });
});
