import { describe, expect, it } from 'vitest';
import { call, tokenFor } from './support/client.ts';
import { directDeps } from './support/direct.ts';
import { BASELINE } from './support/lifecycle.ts';
import {
  bureau,
  createProject,
  decide,
  emergencyBody,
  people,
  readyProject,
  submit,
  uniqueDept,
  upload,
  waitForStage,
} from './support/scenario.ts';

type Finding = {
  id: string;
  code: string;
  key: string;
  status: string;
  projectId: string;
  dueDate: string;
  daysLate: number;
  openedAt: string;
};
type Obligation = { code: string; key: string; dueDate: string; status: string; foundAt: string | null };

const sweeper = () => tokenFor({ roles: ['data-bureau'], sub: 'sweeper' });
const sweep = async (asOf: string) => {
  const response = await call<{ opened: number; resolved: number; examined: number }>('POST', '/v1/sweeps', {
    token: await sweeper(),
    body: { asOf },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
};
const findingsOf = async (projectId: string) =>
  (await call<{ items: Finding[] }>('GET', `/v1/findings?projectId=${projectId}&limit=200`, { token: await sweeper() }))
    .body.items;
const obligationsOf = async (projectId: string, token: string) =>
  (await call<{ items: Obligation[] }>('GET', `/v1/projects/${projectId}/obligations`, { token })).body.items;
const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** A project the Finance Bureau approved, with its ART14 budget filing now due. */
const financeApproved = async () => {
  const { project, staff } = await readyProject({ totalInvestmentFen: 60_000_000 });
  await submit(project.id, await staff());
  await decide(project.id, 1, 'tech-review', 'approve', await bureau('data-bureau'));
  await decide(project.id, 1, 'finance-review', 'approve', await bureau('finance'), { approvedBudgetFen: 60_000_000 });
  await waitForStage(project.id, await staff(), 'approved');
  const [filing] = await obligationsOf(project.id, await staff());
  if (!filing) throw new Error('no budget-filing obligation');
  return { project, staff, filing };
};

describe('the compliance sweep against the local runtime', () => {
  it('finds a late ART14-BUDGET-FILING the day after its due date, not on it, and resolves it once filed', async () => {
    const { project, staff, filing } = await financeApproved();
    expect(filing).toMatchObject({ code: 'ART14-BUDGET-FILING', status: 'open' });

    await sweep(filing.dueDate);
    expect(await findingsOf(project.id)).toEqual([]);

    await sweep(dayAfter(filing.dueDate));
    const [finding, ...more] = await findingsOf(project.id);
    expect(more).toEqual([]);
    expect(finding).toMatchObject({ code: 'ART14-BUDGET-FILING', status: 'open', dueDate: filing.dueDate });
    const owners = await call<{ items: Finding[] }>('GET', '/v1/findings?status=open', { token: await staff() });
    expect(owners.body.items.map((f) => f.projectId)).toEqual([project.id]);

    const approval = await upload(project.id, await staff(), 'budget-approval');
    const filed = await call('POST', `/v1/projects/${project.id}/budget-filing`, {
      token: await staff(),
      body: { budgetApprovalDocumentId: approval.documentId },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(200);
    await sweep(dayAfter(dayAfter(filing.dueDate)));
    expect(await findingsOf(project.id)).toEqual([
      expect.objectContaining({ code: 'ART14-BUDGET-FILING', status: 'resolved' }),
    ]);
  });

  it('keeps an emergency project’s skipped procedures open (ART15-EMERGENCY) and finds them when late', async () => {
    const dept = uniqueDept('emergency');
    const { staff, head } = people(dept);
    const project = await createProject(await staff(), {
      keyProject: true,
      totalInvestmentFen: 90_000_000,
      emergency: emergencyBody(),
    });
    const started = await call('POST', `/v1/projects/${project.id}/construction-start`, {
      token: await head(),
      body: { baseline: BASELINE },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    // Its procedures (its contracts, supervision and the rest are duties too, tested with procurement).
    const procedures = ['declaration', 'tech-review', 'project-approval', 'finance-review'];
    const obligations = (await obligationsOf(project.id, await staff())).filter((o) => procedures.includes(o.key));
    expect(obligations.map((o) => [o.code, o.key]).sort()).toEqual([
      ['ART15-EMERGENCY', 'declaration'],
      ['ART15-EMERGENCY', 'finance-review'],
      ['ART15-EMERGENCY', 'project-approval'],
      ['ART15-EMERGENCY', 'tech-review'],
    ]);
    await sweep(dayAfter(obligations[0]?.dueDate ?? ''));
    expect(
      (await findingsOf(project.id))
        .filter((f) => procedures.includes(f.key))
        .map((f) => f.key)
        .sort(),
    ).toEqual(['declaration', 'finance-review', 'project-approval', 'tech-review']);
  });

  it('refuses construction before approval for any other project (ART07-NO-BUILD-BEFORE-APPROVAL)', async () => {
    const { staff } = people(uniqueDept('no-build'));
    const project = await createProject(await staff());
    const response = await call<{ code: string }>('POST', `/v1/projects/${project.id}/construction-start`, {
      token: await staff(),
      body: { baseline: BASELINE },
    });
    expect([response.status, response.body.code]).toEqual([422, 'ART07-NO-BUILD-BEFORE-APPROVAL']);
  });

  it('opens the same findings when two sweeps start at the same moment as when one runs', async () => {
    const projects = await Promise.all([financeApproved(), financeApproved()]);
    const asOf = dayAfter(projects[0].filing.dueDate);
    const [first, second] = await Promise.all([sweep(asOf), sweep(asOf)]);
    expect(first.opened + second.opened).toBeGreaterThanOrEqual(2);
    for (const { project } of projects) {
      expect((await findingsOf(project.id)).map((f) => [f.code, f.status])).toEqual([['ART14-BUDGET-FILING', 'open']]);
    }
  });

  it('leaves, after a sweep killed half-way and a clean one, exactly the findings a single clean sweep would', async () => {
    const deps = await directDeps();
    const { runSweep } = await import('#shared/use-cases/sweeps/run-sweep.ts');

    const dept = uniqueDept('crash');
    const { staff, head } = people(dept);
    const projects = [];
    for (let i = 0; i < 6; i++) {
      const p = await createProject(await staff(), {
        emergency: emergencyBody({ eventType: 'accident', justification: '事故应急' }),
      });
      await call('POST', `/v1/projects/${p.id}/construction-start`, {
        token: await head(),
        body: { baseline: BASELINE },
      });
      projects.push(p);
    }
    const expected = (
      await Promise.all(projects.map(async (p) => (await obligationsOf(p.id, await staff())).length))
    ).reduce((a, b) => a + b);
    // Each owes two procedures, four missing items and its collective decision (ART15) and its baseline's four dates (ART20).
    expect(expected).toBe(66);
    const asOf = '2099-01-01';

    await expect(
      runSweep(
        {
          asOf,
          afterItem: (n) => {
            if (n === 5) throw new Error('killed half-way');
          },
        },
        deps,
      ),
    ).rejects.toThrow('killed half-way');
    const partial = (await Promise.all(projects.map((p) => findingsOf(p.id)))).flat();
    expect(partial.length).toBeLessThan(expected);

    await runSweep({ asOf }, deps);
    const after = (await Promise.all(projects.map((p) => findingsOf(p.id)))).flat();
    expect(after).toHaveLength(expected);
    expect(new Set(after.map((f) => f.id)).size).toBe(expected);
    expect(after.every((f) => f.status === 'open' && ['ART15-EMERGENCY', 'ART20-BASELINE'].includes(f.code))).toBe(
      true,
    );
  });

  it('sweeps past a duty whose finding predates the found mark, and beside a department editing the project at once', async () => {
    const deps = await directDeps();
    const { transact } = await import('#shared/store/transactions.ts');
    const legacy = await financeApproved();
    const busy = await financeApproved();
    // What the sweep wrote before duties carried `foundAt`: a finding, and the duty unmarked.
    await transact([
      deps.findings.open({
        id: `${legacy.project.id}.ART14-BUDGET-FILING.${legacy.filing.key}`,
        projectId: legacy.project.id,
        ownerDeptId: legacy.project.ownerDeptId as string,
        code: 'ART14-BUDGET-FILING',
        article: 14,
        key: legacy.filing.key,
        description: 'ART14-BUDGET-FILING',
        dueDate: legacy.filing.dueDate,
        status: 'open',
        openedAt: '2026-11-13T18:00:00.000Z',
        resolvedAt: null,
        holds: [],
      }),
    ]);
    // The department signs and files papers on the busy project again and again while the sweep runs.
    const token = await busy.staff();
    const edits = (async () => {
      for (let i = 0; i < 8; i++) {
        await call('POST', `/v1/projects/${busy.project.id}/documents`, {
          token,
          body: {
            kind: 'budget-approval',
            fileName: `批复${i}.pdf`,
            contentType: 'application/pdf',
            sizeBytes: 10,
            sha256: 'a'.repeat(64),
          },
        });
      }
    })();
    await Promise.all([sweep(dayAfter(busy.filing.dueDate)), edits]);
    await sweep(dayAfter(dayAfter(busy.filing.dueDate)));

    expect((await findingsOf(legacy.project.id)).map((f) => f.openedAt)).toEqual(['2026-11-13T18:00:00.000Z']);
    expect((await obligationsOf(legacy.project.id, await legacy.staff())).map((o) => o.foundAt)).toEqual([
      '2026-11-13T18:00:00.000Z',
    ]);
    expect(await findingsOf(busy.project.id)).toHaveLength(1);
    type Trail = { items: { action: string }[] };
    const trail = await call<Trail>('GET', `/v1/projects/${busy.project.id}/events?limit=200`, { token });
    expect(trail.body.items.filter((e) => e.action === 'finding.opened')).toHaveLength(1);
    const verdict = await call<{ valid: boolean }>('GET', `/v1/projects/${busy.project.id}/events/verify`, { token });
    expect(verdict.body.valid).toBe(true);
  });

  it('writes every finding it opens and resolves on the project audit trail, once, with its rule code (ART33-RECORDS)', async () => {
    const { project, staff, filing } = await financeApproved();
    await Promise.all([sweep(dayAfter(filing.dueDate)), sweep(dayAfter(filing.dueDate))]);
    await sweep(dayAfter(dayAfter(filing.dueDate)));
    // ART14-BUDGET-FILING is a duty no article lets anyone waive: the refusal names it, and the
    // owner's filing is what resolves the finding.
    const waived = await call<{ code: string }>(
      'POST',
      `/v1/projects/${project.id}/obligations/ART14-BUDGET-FILING.approval-1/waiver`,
      { token: await sweeper(), body: { reason: '财政局已直接抄送县数据局' } },
    );
    expect(waived.status, JSON.stringify(waived.body)).toBe(422);
    expect(waived.body.code).toBe('ART14-BUDGET-FILING');
    const approval = await upload(project.id, await staff(), 'budget-approval');
    const filed = await call('POST', `/v1/projects/${project.id}/budget-filing`, {
      token: await staff(),
      body: { budgetApprovalDocumentId: approval.documentId },
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(200);
    await sweep(dayAfter(dayAfter(dayAfter(filing.dueDate))));
    await sweep(dayAfter(dayAfter(dayAfter(dayAfter(filing.dueDate)))));

    type Trail = {
      items: { action: string; actor: { sub: string }; details: { code?: string; reason?: string } }[];
    };
    const token = await staff();
    const trail = await call<Trail>('GET', `/v1/projects/${project.id}/events?limit=200`, { token });
    const bySweep = trail.body.items.filter((e) => e.actor.sub === 'system:compliance-sweep');
    expect(bySweep.map((e) => [e.action, e.details.code])).toEqual([
      ['finding.opened', 'ART14-BUDGET-FILING'],
      ['finding.resolved', 'ART14-BUDGET-FILING'],
    ]);
    expect(trail.body.items.some((e) => e.action === 'obligation.waived')).toBe(false);
    const verdict = await call<{ valid: boolean }>('GET', `/v1/projects/${project.id}/events/verify`, { token });
    expect(verdict.body.valid).toBe(true);
  });
});
