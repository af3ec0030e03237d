import { describe, expect, it } from 'vitest';
import { call, runtime, tokenFor } from './support/client.ts';
import {
  bureau,
  createProject,
  decide,
  people,
  readyProject,
  registerDepartment,
  submit,
  uniqueDept,
  waitForStage,
} from './support/scenario.ts';

/** A year of its own (no other test file declares for it), so that their projects never count here. */
const YEAR = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4)) + 9;

interface Portfolio {
  projects: number;
  declaredFen: number;
  byStage: { stage: string; projects: number }[];
  byDepartment: { deptId: string; projects: number }[];
  approvedInvestment: { year: number; category: string; projects: number; approvedFen: number }[];
  overdueReviews: { count: number };
}

describe('county reports (GET /v1/reports/*)', () => {
  it("answers the year's portfolio and exports its register as CSV and XLSX, for the county's watchers only", async () => {
    const { project: approved, staff } = await readyProject({ year: YEAR, name: '县不动产登记数据平台' });
    await submit(approved.id, await staff());
    const reviewer = await bureau('data-bureau', 'reports-reviewer');
    expect((await decide(approved.id, 1, 'tech-review', 'approve', reviewer)).status).toBe(200);
    await waitForStage(approved.id, await staff(), 'approved');
    const other = uniqueDept('reports');
    await registerDepartment(other);
    const draft = await createProject(await people(other).staff(), { year: YEAR, totalInvestmentFen: 12_345_678 });

    const finance = await tokenFor({ roles: ['finance'], sub: 'reports-finance' });
    const report = await call<Portfolio>('GET', `/v1/reports/portfolio?year=${YEAR}`, { token: finance });
    expect(report.status).toBe(200);
    expect(report.body.projects).toBe(2);
    expect(report.body.declaredFen).toBe(58_000_000 + 12_345_678);
    expect(report.body.byStage).toEqual(
      expect.arrayContaining([
        { stage: 'approved', projects: 1 },
        { stage: 'draft', projects: 1 },
      ]),
    );
    expect(report.body.byDepartment.map((d) => d.deptId).sort()).toEqual([approved.ownerDeptId, other].sort());
    expect(report.body.approvedInvestment).toEqual([
      { year: YEAR, category: 'application-system', projects: 1, approvedFen: 58_000_000 },
    ]);

    const csv = await fetch(`${runtime().url}/v1/reports/projects.csv?year=${YEAR}`, {
      headers: { authorization: `Bearer ${finance}` },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toContain(`filename*=UTF-8''`);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(`${approved.code},县不动产登记数据平台,${approved.ownerDeptId} 局,已批复,580000.00,,0`);
    expect(lines[2]).toBe(`${draft.code},县社会治理综合指挥平台,${other} 局,草稿,123456.78,,0`);

    const xlsx = await call('GET', `/v1/reports/projects.xlsx?year=${YEAR}`, { token: finance });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(String(xlsx.body).startsWith('PK')).toBe(true);

    for (const roles of [['dept-staff'], ['dept-head'], ['approval-bureau']] as const) {
      const token = await tokenFor({ roles: [...roles], dept: other, sub: `reports-${roles[0]}` });
      const refused = await call('GET', `/v1/reports/portfolio?year=${YEAR}`, { token });
      expect(refused.status, roles[0]).toBe(403);
    }
  });

  it('refuses a year that is not one (400 naming the field)', async () => {
    const audit = await tokenFor({ roles: ['audit'], sub: 'reports-audit' });
    const response = await call<{ code: string; violations: { path: string }[] }>(
      'GET',
      '/v1/reports/portfolio?year=abc',
      {
        token: audit,
      },
    );
    expect(response.status).toBe(400);
    expect(response.body.violations[0]?.path).toBe('query.year');
  });
});
