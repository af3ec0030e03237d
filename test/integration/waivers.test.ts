import { describe, expect, it } from 'vitest';
import { call, tokenFor } from './support/client.ts';
import { dutiesOf, underConstruction } from './support/lifecycle.ts';
import { uniqueDept } from './support/scenario.ts';

type Waiver = {
  id: string;
  projectId: string;
  status: string;
  proposedBy: string;
  confirmedBy: string | null;
  reason: string;
  conflictOfInterest: boolean;
};
type Outcome = { obligation: { status: string; waiver: Waiver | null }; waiver: Waiver };

/** Two officers of the Data Bureau (another department than the project's), and the bureau's audit reader. */
const officer = (sub: string) => tokenFor({ roles: ['data-bureau'], dept: 'county-data-bureau', sub, name: sub });

describe('waivers: four eyes, and never a procedure (ART04-ROLE, ART33-RECORDS)', () => {
  it("ART04-ROLE: the owner department's data-bureau officer cannot propose a waiver; a second officer confirms what a first proposed", async () => {
    const { project, dept, staff } = await underConstruction();
    const milestone = (await dutiesOf(project.id, await staff())).find((d) => d.key === 'milestone-需求分析');
    expect(milestone).toMatchObject({ code: 'ART20-BASELINE', status: 'open' });
    const path = `/v1/projects/${project.id}/obligations/ART20-BASELINE.milestone-需求分析/waiver`;
    const reason = '基线录入错误：需求分析节点已并入系统开发，见变更说明';

    const insider = await tokenFor({ roles: ['data-bureau'], dept, sub: `${dept}-insider` });
    const refused = await call<{ code: string }>('POST', path, { token: insider, body: { reason } });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('ART04-ROLE');

    const first = await officer('waiver-officer-li');
    const second = await officer('waiver-officer-wang');
    const proposed = await call<Outcome>('POST', path, {
      token: first,
      headers: { 'idempotency-key': `propose-${project.id}` },
      body: { reason },
    });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    expect(proposed.body.waiver).toMatchObject({ status: 'proposed', proposedBy: 'waiver-officer-li', reason });
    expect(proposed.body.obligation.status).toBe('open');
    // A retry under the same key answers the first response; a second proposal meanwhile is a conflict.
    const retried = await call('POST', path, {
      token: first,
      headers: { 'idempotency-key': `propose-${project.id}` },
      body: { reason },
    });
    expect(retried).toMatchObject({ status: 201, body: proposed.body });
    expect((await call('POST', path, { token: second, body: { reason } })).status).toBe(409);

    const self = await call<{ code: string }>('POST', `${path}/confirmation`, { token: first, body: {} });
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('ART04-ROLE');
    expect((await call('DELETE', path, { token: second })).status).toBe(403);
    const withdrawn = await call<Outcome>('DELETE', path, { token: first });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect(withdrawn.body.waiver.status).toBe('withdrawn');
    expect((await call('POST', `${path}/confirmation`, { token: second, body: {} })).status).toBe(409);

    expect((await call('POST', path, { token: first, body: { reason } })).status).toBe(201);
    const confirmed = await call<Outcome>('POST', `${path}/confirmation`, { token: second, body: {} });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.obligation.status).toBe('waived');
    expect(confirmed.body.waiver).toMatchObject({
      status: 'confirmed',
      proposedBy: 'waiver-officer-li',
      confirmedBy: 'waiver-officer-wang',
      conflictOfInterest: false,
    });

    const audit = await tokenFor({ roles: ['audit'], sub: 'waiver-auditor' });
    const listed: Waiver[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: Waiver[]; nextCursor: string | null } } = await call(
        'GET',
        `/v1/waivers?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { token: audit },
      );
      expect(page.status).toBe(200);
      listed.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(
      listed.filter((w) => w.projectId === project.id).map((w) => [w.status, w.proposedBy, w.confirmedBy]),
    ).toEqual([
      ['withdrawn', 'waiver-officer-li', null],
      ['confirmed', 'waiver-officer-li', 'waiver-officer-wang'],
    ]);
    expect((await call('GET', '/v1/waivers', { token: await staff() })).status).toBe(403);
  });

  it('ART14-BUDGET-FILING, ART20-BASELINE: a duty that is not a baseline milestone is refused 422 with its own code', async () => {
    const { project } = await underConstruction();
    const token = await officer('waiver-officer-li');
    for (const [duty, code] of [
      ['ART14-BUDGET-FILING.approval-1', 'ART14-BUDGET-FILING'],
      ['ART20-BASELINE.planned-completion', 'ART20-BASELINE'],
    ]) {
      const refused = await call<{ code: string }>('POST', `/v1/projects/${project.id}/obligations/${duty}/waiver`, {
        token,
        body: { reason: '豁免' },
      });
      expect(refused.status, duty).toBe(422);
      expect(refused.body.code).toBe(code);
    }
  });

  it('ART04-ROLE: on a project of the Data Bureau itself its own officers waive, marked conflictOfInterest', async () => {
    const dept = uniqueDept('databureau');
    const { project } = await underConstruction({}, dept);
    const admin = await tokenFor({ roles: ['admin'], sub: 'waiver-admin' });
    const bureau = await call('PUT', `/v1/departments/${dept}`, {
      token: admin,
      body: {
        name: '县数据局',
        dataManagementUnit: { name: '信息股', contact: '0356-0000000' },
        bureauRole: 'data-bureau',
      },
    });
    expect(bureau.status, JSON.stringify(bureau.body)).toBe(200);
    const path = `/v1/projects/${project.id}/obligations/ART20-BASELINE.milestone-需求分析/waiver`;
    const own = (sub: string) => tokenFor({ roles: ['data-bureau'], dept, sub });
    expect((await call('POST', path, { token: await own(`${dept}-a`), body: { reason: '误录' } })).status).toBe(201);
    const confirmed = await call<Outcome>('POST', `${path}/confirmation`, { token: await own(`${dept}-b`), body: {} });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.waiver.conflictOfInterest).toBe(true);
  });
});
