import { describe, expect, it } from 'vitest';
import { call, tokenFor } from './support/client.ts';
import { thisYear } from './support/lifecycle.ts';
import {
  bureau,
  decide,
  openTask,
  type Project,
  people,
  readyProject,
  submit,
  TECH_CHECKLIST,
  taskIdOf,
  upload,
  waitForStage,
} from './support/scenario.ts';

type Event = { action: string; actor: { sub: string }; details: Record<string, unknown>; from: string; to: string };

const trail = async (projectId: string, token: string) => {
  // Read a page of 7 at a time: the cursor walks the whole trail, oldest first, without a gap.
  const items: (Event & { seq: number })[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: { items: (Event & { seq: number })[]; nextCursor: string | null } } = await call(
      'GET',
      `/v1/projects/${projectId}/events?limit=7${cursor ? `&cursor=${cursor}` : ''}`,
      { token },
    );
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  expect(items.map((e) => e.seq)).toEqual(items.map((_, i) => i + 1));
  const verify = await call<{ valid: boolean; count: number }>('GET', `/v1/projects/${projectId}/events/verify`, {
    token,
  });
  expect(verify.body.valid).toBe(true);
  expect(verify.body.count).toBe(items.length);
  return items;
};

const decisions = (events: Event[]) =>
  events.filter((e) => e.action === 'review.decided').map((e) => [e.details.kind, e.details.decision, e.actor.sub]);

describe('the approval workflow (real ASL) against the local runtime', () => {
  it('takes a small project through ART13-TECH-REVIEW only', async () => {
    const { project, staff } = await readyProject({ totalInvestmentFen: 10_000_000 });
    expect((await submit(project.id, await staff())).stage).toBe('tech-review');
    const decided = await decide(project.id, 1, 'tech-review', 'approve', await bureau('data-bureau'));
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const approved = await waitForStage(project.id, await staff(), 'approved');
    expect(approved.openReviews).toEqual([]);
    const events = await trail(project.id, await staff());
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['project.submitted', 'review.opened', 'review.decided', 'approval.concluded']),
    );
    expect(decisions(events)).toEqual([['tech-review', 'approve', 'data-bureau-reviewer']]);
  });

  it('sends exactly 60000000 fen to ART14-FINANCE-REVIEW and records the approved budget', async () => {
    const { project, staff } = await readyProject({ totalInvestmentFen: 60_000_000 });
    await submit(project.id, await staff());
    await decide(project.id, 1, 'tech-review', 'approve', await bureau('data-bureau'));
    const inReview = await waitForStage(project.id, await staff(), 'approval-review');
    expect(inReview.openReviews).toEqual(['finance-review']);
    const finance = await decide(project.id, 1, 'finance-review', 'approve', await bureau('finance'), {
      approvedBudgetFen: 58_000_000,
    });
    expect(finance.status, JSON.stringify(finance.body)).toBe(200);
    const approved = await waitForStage(project.id, await staff(), 'approved');
    expect(approved.approvedBudgetFen).toBe(58_000_000);
    const obligations = await call<{ items: { code: string; status: string }[] }>(
      'GET',
      `/v1/projects/${project.id}/obligations`,
      {
        token: await staff(),
      },
    );
    expect(obligations.body.items).toEqual([expect.objectContaining({ code: 'ART14-BUDGET-FILING', status: 'open' })]);
    expect(decisions(await trail(project.id, await staff()))).toEqual([
      ['tech-review', 'approve', 'data-bureau-reviewer'],
      ['finance-review', 'approve', 'finance-reviewer'],
    ]);
  });

  it('does not send 59999999 fen to finance review', async () => {
    const { project, staff } = await readyProject({ totalInvestmentFen: 59_999_999 });
    await submit(project.id, await staff());
    await decide(project.id, 1, 'tech-review', 'approve', await bureau('data-bureau'));
    await waitForStage(project.id, await staff(), 'approved');
    const finance = await call('GET', `/v1/tasks/${taskIdOf(project.id, 1, 'finance-review')}`, {
      token: await bureau('finance'),
    });
    expect(finance.status).toBe(404);
  });

  it('sends a key project to ART13-PROJECT-APPROVAL', async () => {
    const { project, staff } = await readyProject({ keyProject: true, totalInvestmentFen: 1_000_000 });
    await submit(project.id, await staff());
    await decide(project.id, 1, 'tech-review', 'approve', await bureau('data-bureau'));
    expect((await waitForStage(project.id, await staff(), 'approval-review')).openReviews).toEqual([
      'project-approval',
    ]);
    expect((await decide(project.id, 1, 'project-approval', 'approve', await bureau('approval-bureau'))).status).toBe(
      200,
    );
    await waitForStage(project.id, await staff(), 'approved');
  });

  it('runs project approval and finance review in parallel for a key project of 600,000 CNY or more', async () => {
    const { project, staff } = await readyProject({ keyProject: true, totalInvestmentFen: 80_000_000 });
    await submit(project.id, await staff());
    await decide(project.id, 1, 'tech-review', 'approve', await bureau('data-bureau'));
    await waitForStage(project.id, await staff(), 'approval-review');
    // Both reviews are open at once, before either is decided: the branches run in parallel.
    await openTask(project.id, 1, 'project-approval', await bureau('approval-bureau'));
    await openTask(project.id, 1, 'finance-review', await bureau('finance'));
    const waiting = await call<Project>('GET', `/v1/projects/${project.id}`, { token: await staff() });
    expect([...waiting.body.openReviews].sort()).toEqual(['finance-review', 'project-approval']);
    const [approval, finance] = await Promise.all([
      decide(project.id, 1, 'project-approval', 'approve', await bureau('approval-bureau')),
      decide(project.id, 1, 'finance-review', 'approve', await bureau('finance'), { approvedBudgetFen: 80_000_000 }),
    ]);
    expect([approval.status, finance.status]).toEqual([200, 200]);
    await waitForStage(project.id, await staff(), 'approved');
    expect(
      decisions(await trail(project.id, await staff()))
        .map((d) => d[0])
        .sort(),
    ).toEqual(['finance-review', 'project-approval', 'tech-review']);
  });

  it('returns a project to its department, which edits and submits again (a new execution)', async () => {
    const { project, staff, head } = await readyProject({ totalInvestmentFen: 5_000_000 });
    await submit(project.id, await staff());
    const returned = await decide(project.id, 1, 'tech-review', 'return', await bureau('data-bureau'), {
      checklist: { ...TECH_CHECKLIST, dataSharing: { ok: false, note: '补充数据共享清单' } },
    });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    const back = await waitForStage(project.id, await staff(), 'returned');
    const edited = await call<Project>('PATCH', `/v1/projects/${project.id}`, {
      token: await staff(),
      headers: { 'if-match': String(back.version) },
      body: {
        interop: { interconnection: '政务外网', dataSharing: '补充后的共享清单', businessCollaboration: '联动' },
      },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.signOff).toBeNull();
    const review = await upload(project.id, await head(), 'internal-compliance-review');
    expect(
      (
        await call('POST', `/v1/projects/${project.id}/sign-off`, {
          token: await head(),
          body: { internalReviewDocumentId: review.documentId },
        })
      ).status,
    ).toBe(200);
    expect((await submit(project.id, await staff())).rounds).toMatchObject({
      approval: { round: 2, status: 'running' },
    });
    expect((await decide(project.id, 2, 'tech-review', 'approve', await bureau('data-bureau'))).status).toBe(200);
    await waitForStage(project.id, await staff(), 'approved');
    expect(decisions(await trail(project.id, await staff())).map((d) => d[1])).toEqual(['return', 'approve']);
  });

  it('ends a rejected project in rejected, closing the parallel review it cut short', async () => {
    const { project, staff } = await readyProject({ keyProject: true, totalInvestmentFen: 70_000_000 });
    await submit(project.id, await staff());
    await decide(project.id, 1, 'tech-review', 'approve', await bureau('data-bureau'));
    await openTask(project.id, 1, 'finance-review', await bureau('finance'));
    const rejected = await decide(project.id, 1, 'project-approval', 'reject', await bureau('approval-bureau'));
    expect(rejected.status).toBe(200);
    await waitForStage(project.id, await staff(), 'rejected');
    const finance = await call<{ status: string }>('GET', `/v1/tasks/${taskIdOf(project.id, 1, 'finance-review')}`, {
      token: await bureau('finance'),
    });
    expect(finance.body.status).toBe('expired');
  });

  it('refuses the wrong role (403), anyone of the owner department (403) and a second decision (409)', async () => {
    const { project, staff, dept } = await readyProject();
    await submit(project.id, await staff());
    const reviewer = await bureau('data-bureau');
    await openTask(project.id, 1, 'tech-review', reviewer);
    const body = { decision: 'reject', opinion: '不同意', checklist: TECH_CHECKLIST };
    const path = `/v1/tasks/${taskIdOf(project.id, 1, 'tech-review')}/decision`;
    const wrongRole = await call<{ code: string }>('POST', path, { token: await bureau('finance'), body });
    expect([wrongRole.status, wrongRole.body.code]).toEqual([403, 'ART04-ROLE']);
    const insider = await call<{ code: string }>('POST', path, {
      token: await tokenFor({ roles: ['data-bureau'], dept, sub: 'insider' }),
      body,
    });
    expect([insider.status, insider.body.code]).toEqual([403, 'ART04-ROLE']);
    expect((await call('POST', path, { token: reviewer, body })).status).toBe(200);
    expect((await call('POST', path, { token: reviewer, body })).status).toBe(409);
    await waitForStage(project.id, await staff(), 'rejected');
  });

  it('lets exactly one of 50 concurrent decisions on one task succeed', async () => {
    const { project, staff } = await readyProject();
    await submit(project.id, await staff());
    const reviewer = await bureau('data-bureau');
    await openTask(project.id, 1, 'tech-review', reviewer);
    const path = `/v1/tasks/${taskIdOf(project.id, 1, 'tech-review')}/decision`;
    const body = { decision: 'return', opinion: '退回补充', checklist: TECH_CHECKLIST };
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => call('POST', path, { token: reviewer, body })),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    await waitForStage(project.id, await staff(), 'returned');
    expect(decisions(await trail(project.id, await staff()))).toHaveLength(1);
  });

  it('brings 100 concurrently submitted projects into the tech-review queue with exactly one open task each', async () => {
    const { staff, dept } = await readyProject();
    const token = await staff();
    const head = await people(dept).head();
    // One signed, documented declaration copied 100 times is the fair load: build them first.
    const projects: Project[] = [];
    for (let i = 0; i < 100; i++) {
      const created = await call<Project>('POST', '/v1/projects', {
        token,
        body: {
          name: `批量 ${i}`,
          year: thisYear(),
          category: 'application-system',
          constructionType: 'new',
          fundingMode: 'government-invested',
          totalInvestmentFen: 1_000_000,
          interop: { interconnection: 'a', dataSharing: 'b', businessCollaboration: 'c' },
        },
      });
      projects.push(created.body);
    }
    await Promise.all(
      projects.map(async (p) => {
        for (const kind of ['collective-decision', 'construction-plan', 'expert-opinion'])
          await upload(p.id, token, kind);
        const review = await upload(p.id, head, 'internal-compliance-review');
        await call('POST', `/v1/projects/${p.id}/sign-off`, {
          token: head,
          body: { internalReviewDocumentId: review.documentId },
        });
      }),
    );
    const submitted = await Promise.all(projects.map((p) => call('POST', `/v1/projects/${p.id}/submit`, { token })));
    expect(submitted.map((r) => r.status)).toEqual(Array(100).fill(202));
    const reviewer = await bureau('data-bureau', 'queue-reader');
    const tasks = await Promise.all(projects.map((p) => openTask(p.id, 1, 'tech-review', reviewer)));
    expect(new Set(tasks.map((t) => t.id)).size).toBe(100);
    const queue: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { projectId: string }[]; nextCursor: string | null } } = await call(
        'GET',
        `/v1/tasks?limit=200${cursor ? `&cursor=${cursor}` : ''}`,
        {
          token: reviewer,
        },
      );
      queue.push(...page.body.items.map((t) => t.projectId));
      cursor = page.body.nextCursor;
    } while (cursor);
    for (const p of projects) expect(queue.filter((id) => id === p.id)).toHaveLength(1);
  }, 180_000);
});
