import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildPortfolio, registerRows } from '#shared/domain/portfolio.ts';
import type { ProjectSummary } from '#shared/domain/report.schema.ts';
import { registerCsv } from '#shared/use-cases/reports/register-csv.ts';
import { registerXlsx } from '#shared/use-cases/reports/register-files.ts';

const project = (over: Partial<ProjectSummary>): ProjectSummary => ({
  id: 'p1',
  year: 2026,
  code: 'LC-2026-0001',
  name: '县社会治理综合指挥平台',
  ownerDeptId: 'edu',
  stage: 'approved',
  category: 'application-system',
  totalInvestmentFen: 58_000_000,
  approvedBudgetFen: null,
  ...over,
});

const projects = [
  project({}),
  project({ id: 'p2', code: 'LC-2026-0002', stage: 'draft', totalInvestmentFen: 10_000_000 }),
  project({
    id: 'p3',
    code: 'LC-2026-0003',
    stage: 'approved',
    approvedBudgetFen: 70_000_000,
    totalInvestmentFen: 80_000_000,
    ownerDeptId: 'health',
    category: 'information-security',
  }),
  project({ id: 'p4', code: 'LC-2026-0004', stage: 'operations', ownerDeptId: 'health' }),
];

describe('the county portfolio of a year', () => {
  const portfolio = buildPortfolio({
    year: 2026,
    asOf: '2026-11-28',
    projects,
    openFindings: [
      { projectId: 'p4', code: 'ART29-FILING', openedAt: '2026-10-01T00:00:00Z' },
      { projectId: 'p4', code: 'ART30-SELF-EVALUATION', openedAt: '2026-10-02T00:00:00Z' },
      { projectId: 'other-year', code: 'ART29-FILING', openedAt: '2026-01-01T00:00:00Z' },
    ],
    // ART29 holds from acceptance, before any finding: p3's hold counts though it has no finding.
    holds: [
      { projectId: 'p4', code: 'ART29-FILING', funds: ['construction', 'operations'], since: '2026-09-01T00:00:00Z' },
      { projectId: 'p3', code: 'ART29-FILING', funds: ['construction', 'operations'], since: '2026-11-01T00:00:00Z' },
      { projectId: 'other-year', code: 'ART07-OM-FUNDING', funds: ['operations'], since: '2026-01-01T00:00:00Z' },
    ],
    overdueTasks: [
      { id: 'p2.1.tech-review', kind: 'tech-review', role: 'data-bureau', projectId: 'p2', dueDate: '2026-11-20' },
      { id: 'p3.1.finance-review', kind: 'finance-review', role: 'finance', projectId: 'p3', dueDate: '2026-11-28' },
    ],
  });

  it('counts projects by stage and department', () => {
    expect(portfolio.projects).toBe(4);
    expect(portfolio.byStage).toEqual([
      { stage: 'approved', projects: 2 },
      { stage: 'draft', projects: 1 },
      { stage: 'operations', projects: 1 },
    ]);
    expect(portfolio.byDepartment.map((d) => [d.deptId, d.projects])).toEqual([
      ['edu', 2],
      ['health', 2],
    ]);
  });

  it('sums approved investment by category: the finance budget where set, else the declared total; drafts count nothing', () => {
    expect(portfolio.approvedInvestment).toEqual([
      { year: 2026, category: 'application-system', projects: 2, approvedFen: 116_000_000 },
      { year: 2026, category: 'information-security', projects: 1, approvedFen: 70_000_000 },
    ]);
  });

  it("counts open findings by rule, and funding holds as held (ART29-FILING from acceptance), of this year's projects only", () => {
    expect(portfolio.openFindings).toEqual([
      { code: 'ART29-FILING', article: 29, findings: 1 },
      { code: 'ART30-SELF-EVALUATION', article: 30, findings: 1 },
    ]);
    expect(portfolio.fundingHolds).toMatchObject({ projects: 2, construction: 2, operations: 2 });
    expect(portfolio.fundingHolds.items.map((h) => [h.projectCode, h.code, h.since])).toEqual([
      ['LC-2026-0004', 'ART29-FILING', '2026-09-01T00:00:00Z'],
      ['LC-2026-0003', 'ART29-FILING', '2026-11-01T00:00:00Z'],
    ]);
  });

  it('lists reviews due before today as overdue, with the days late', () => {
    expect(portfolio.overdueReviews.count).toBe(1);
    expect(portfolio.overdueReviews.items[0]).toMatchObject({ projectCode: 'LC-2026-0002', daysOverdue: 8 });
  });
});

describe('the exported register', () => {
  const rows = registerRows(
    [project({ name: '=HYPERLINK("http://x")' }), ...projects.slice(1)],
    [{ projectId: 'p4' }, { projectId: 'p4' }],
    (id) => ({ edu: '县教育局' })[id] ?? id,
    (stage) => ({ approved: '已批复' })[stage] ?? stage,
  );

  it('is CSV in UTF-8 with a byte-order mark, yuan with two decimals, formulas defused', () => {
    const bytes = registerCsv(rows);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1).split('\r\n');
    expect(lines[0]).toBe('项目编号,项目名称,建设单位,阶段,申报总投资（元）,批复预算（元）,未整改问题（项）');
    expect(lines[1]).toBe(`LC-2026-0001,"'=HYPERLINK(""http://x"")",县教育局,已批复,580000.00,,0`);
    expect(lines[3]).toBe('LC-2026-0003,县社会治理综合指挥平台,health,已批复,800000.00,700000.00,0');
    expect(lines[4]).toContain(',2');
  });

  it('is a real XLSX: a ZIP whose sheet holds the rows, money as numbers', () => {
    const file = Buffer.from(registerXlsx(2026, rows));
    expect(file.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    const names: string[] = [];
    let sheet = '';
    for (let at = 0; file.readUInt32LE(at) === 0x04034b50; ) {
      const size = file.readUInt32LE(at + 18);
      const nameLength = file.readUInt16LE(at + 26);
      const name = file.subarray(at + 30, at + 30 + nameLength).toString();
      names.push(name);
      const data = file.subarray(at + 30 + nameLength, at + 30 + nameLength + size);
      if (name === 'xl/worksheets/sheet1.xml') sheet = inflateRawSync(data).toString();
      at += 30 + nameLength + size;
    }
    expect(names).toEqual(
      expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']),
    );
    expect(sheet).toContain('<t xml:space="preserve">LC-2026-0003</t>');
    expect(sheet).toContain('<c r="E4" s="2"><v>800000.00</v></c>');
    expect(sheet).toContain('&quot;http://x&quot;');
  });
});
