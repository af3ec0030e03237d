import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LocalNotice } from '#infra/local/sns-local.ts';
import { addMonths } from '#shared/domain/calendar.ts';
import { call, runtime } from './support/client.ts';
import {
  contractBody,
  doc,
  dutiesOf,
  findingsOf,
  IMPLEMENTATION,
  planned,
  post,
  projectOf,
  put,
  sweepAsOf,
  today,
  violationsOf,
} from './support/lifecycle.ts';
import {
  bureau,
  decide,
  eventually,
  openTask,
  type Project,
  readyProject,
  submit,
  upload,
  waitForStage,
} from './support/scenario.ts';

type Funding = { construction: string; operations: string; holds: { code: string; funds: string[] }[] };
type Emergency = {
  declaredTotalFen: number | null;
  confirmation: { status: string; by: string | null; at: string | null } | null;
};

/** What the department declares of the sudden event it builds for (ART15). */
const emergencyOf = (overrides: Record<string, unknown> = {}) => ({
  eventType: 'natural-disaster',
  event: { name: '7·20 特大暴雨', occurredOn: today() },
  justification: '暴雨冲毁防汛指挥系统，需立即恢复',
  ...overrides,
});

/** A baseline from today in Lingchuan, so that a moving today never overtakes it. */
const baseline = () => ({
  plannedCompletionOn: addMonths(today(), 8),
  milestones: [
    { name: '应急恢复', dueOn: addMonths(today(), 1), plannedSpentFen: 10_000_000 },
    { name: '系统上线', dueOn: addMonths(today(), 6), plannedSpentFen: 40_000_000 },
  ],
});

const funding = async (projectId: string, token: string) =>
  (await call<Funding>('GET', `/v1/projects/${projectId}/funding`, { token })).body;
const emergencyState = async (projectId: string, token: string) =>
  (await projectOf(projectId, token)).emergency as Emergency;
const openDuties = async (projectId: string, token: string, code: string) =>
  (await dutiesOf(projectId, token))
    .filter((d) => d.code === code && d.status === 'open')
    .map((d) => d.key)
    .sort();
const start = (projectId: string, token: string) =>
  call<Project & { code?: string }>('POST', `/v1/projects/${projectId}/construction-start`, {
    token,
    body: { baseline: baseline() },
  });
const edit = async (projectId: string, token: string, patch: Record<string, unknown>) => {
  const current = await projectOf(projectId, token);
  const edited = await call('PATCH', `/v1/projects/${projectId}`, {
    token,
    headers: { 'if-match': String(current.version) },
    body: patch,
  });
  expect(edited.status, JSON.stringify(edited.body)).toBe(200);
};
const signOff = async (projectId: string, head: string) => {
  const review = await upload(projectId, head, 'internal-compliance-review');
  const signed = await call('POST', `/v1/projects/${projectId}/sign-off`, {
    token: head,
    body: { internalReviewDocumentId: review.documentId },
  });
  expect(signed.status, JSON.stringify(signed.body)).toBe(200);
};

describe('ART15-EMERGENCY: an emergency is checked by the Data Bureau after the start, never before', () => {
  it('ART15-EMERGENCY: only the head starts; a non-head is 403; the start opens the confirmation and tells the escalation topic at once', async () => {
    const { project, staff, head } = await readyProject({ emergency: emergencyOf(), totalInvestmentFen: 58_000_000 });
    expect(await funding(project.id, await staff())).toMatchObject({ construction: 'closed', operations: 'closed' });

    const byStaff = await start(project.id, await staff());
    expect([byStaff.status, byStaff.body.code]).toEqual([403, 'ART04-ROLE']);
    expect((await projectOf(project.id, await staff())).constructionStartedAt).toBeNull();

    const byHead = await start(project.id, await head());
    expect(byHead.status, JSON.stringify(byHead.body)).toBe(200);
    expect(await emergencyState(project.id, await staff())).toMatchObject({
      declaredTotalFen: 58_000_000,
      confirmation: { status: 'pending', by: null },
    });
    // Nothing delays the start: it builds, procures and is funded while the confirmation is open.
    expect(await funding(project.id, await staff())).toMatchObject({ construction: 'allowed' });
    // The collective decision to build at once was not named at the start: a duty due in 3 working days.
    expect(await openDuties(project.id, await staff(), 'ART15-EMERGENCY')).toContain('emergency-decision');

    const dataBureau = await bureau('data-bureau');
    const task = await openTask(project.id, 1, 'emergency-confirmation', dataBureau);
    expect(task).toMatchObject({
      id: `${project.id}.emergency.1.emergency-confirmation`,
      checklistItems: ['suddenEvent', 'urgency', 'scope'],
    });
    const queue = await call<{ items: { id: string }[] }>('GET', '/v1/tasks?limit=200', {
      token: dataBureau,
    });
    expect(queue.body.items.map((t) => t.id)).toContain(task.id);

    const notice = await eventually(async () => {
      const file = path.join(runtime().dataDir, 'notifications.jsonl');
      const notices = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
      return notices
        .map((line) => JSON.parse(line) as LocalNotice)
        .find((n) => n.message.includes(project.id) && (n.subject ?? '').includes('ART15-EMERGENCY'));
    });
    expect(notice).toMatchObject({
      topicArn: expect.stringContaining('ReviewEscalations'),
      attributes: { role: 'data-bureau', code: 'ART15-EMERGENCY' },
    });

    // The head names the collective decision while building: the duty is fulfilled (staff may not).
    const decision = await doc(project.id, await head(), 'emergency-decision');
    const named = async (token: string) =>
      call('POST', `/v1/projects/${project.id}/emergency-decision`, { token, body: { documentId: decision } });
    expect((await named(await staff())).status).toBe(403);
    expect((await named(await head())).status).toBe(200);
    expect(await openDuties(project.id, await staff(), 'ART15-EMERGENCY')).not.toContain('emergency-decision');

    // A confirmation approves or rejects; it has no `return`, and no opinion document.
    const returned = await decide(project.id, 1, 'emergency-confirmation', 'return', dataBureau);
    expect([returned.status, violationsOf(returned.body)]).toEqual([400, [['VALIDATION', 'decision']]]);
  });

  it('ART15-EMERGENCY: procurement before approval is judged against the total declared at the start, and an edit never cancels an opened ART15 duty', async () => {
    const { project, staff, head } = await readyProject({ emergency: emergencyOf(), totalInvestmentFen: 58_000_000 });
    expect((await start(project.id, await head())).status).toBe(200);
    await openTask(project.id, 1, 'emergency-confirmation', await bureau('data-bureau'));
    // The declaration is completed while building: still editable in draft, but ART17 holds it to 58 million fen.
    await edit(project.id, await staff(), { totalInvestmentFen: 5_800_000_000, keyProject: true });
    expect(await openDuties(project.id, await staff(), 'ART15-EMERGENCY')).toEqual(
      expect.arrayContaining(['declaration', 'finance-review', 'project-approval', 'tech-review']),
    );
    const token = await staff();
    const tooMuch = await call('POST', `/v1/projects/${project.id}/procurement-plan`, {
      token,
      body: {
        planDocumentId: await doc(project.id, token, 'procurement-plan'),
        budgetFen: 100_000_000,
        method: 'public-tender',
        requiredQualifications: [],
      },
    });
    expect([tooMuch.status, violationsOf(tooMuch.body)]).toEqual([422, [['ART17-WITHIN-BUDGET', 'budgetFen']]]);
    // Edited back, the duties it opened stay open: only the technical review's correction may cancel one.
    await edit(project.id, await staff(), { totalInvestmentFen: 58_000_000, keyProject: false });
    expect(await openDuties(project.id, await staff(), 'ART15-EMERGENCY')).toEqual(
      expect.arrayContaining(['finance-review', 'project-approval']),
    );
    // It built as an emergency: that stays on the record.
    const current = await projectOf(project.id, token);
    const unmade = await call<{ code: string }>('PATCH', `/v1/projects/${project.id}`, {
      token,
      headers: { 'if-match': String(current.version) },
      body: { emergency: null },
    });
    expect([unmade.status, unmade.body.code]).toEqual([422, 'ART15-EMERGENCY']);
  });

  it('ART15-EMERGENCY: a confirmed emergency, started with its verified emergency-decision, is approved later and goes straight on building', async () => {
    const { project, staff, head } = await readyProject({ emergency: emergencyOf(), totalInvestmentFen: 58_000_000 });
    const decision = await doc(project.id, await head(), 'emergency-decision');
    await edit(project.id, await staff(), { emergency: emergencyOf({ decisionDocumentId: decision }) });
    await signOff(project.id, await head());
    expect((await start(project.id, await head())).status).toBe(200);
    expect(await openDuties(project.id, await staff(), 'ART15-EMERGENCY')).not.toContain('emergency-decision');

    const dataBureau = await bureau('data-bureau');
    const confirmed = await decide(project.id, 1, 'emergency-confirmation', 'approve', dataBureau);
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    const state = await eventually(async () => {
      const emergency = await emergencyState(project.id, await staff());
      return emergency.confirmation?.status === 'confirmed' ? emergency : undefined;
    });
    expect(state.confirmation?.by).toBe('data-bureau-reviewer');

    await submit(project.id, await staff());
    const review = await openTask(project.id, 1, 'tech-review', dataBureau);
    // The technical review of an emergency project records whether the emergency was justified (not blocking).
    expect(review.checklistItems).toContain('emergencyJustified');
    const approved = await decide(project.id, 1, 'tech-review', 'approve', dataBureau, {
      checklist: Object.fromEntries(review.checklistItems.map((item) => [item, { ok: item !== 'emergencyJustified' }])),
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const building = await waitForStage(project.id, await staff(), 'construction');
    expect(building.approvedEstimateFen).toBe(58_000_000);
    expect(await funding(project.id, await staff())).toMatchObject({ construction: 'allowed' });
  });

  it('ART15-EMERGENCY: a denied emergency stops construction and opens ART07-NO-BUILD-BEFORE-APPROVAL with a construction hold that only its approval lifts', async () => {
    const { project, staff, head } = await readyProject({ emergency: emergencyOf(), totalInvestmentFen: 58_000_000 });
    expect((await start(project.id, await head())).status).toBe(200);
    const token = await staff();
    expect(await openDuties(project.id, token, 'ART20-BASELINE')).toHaveLength(3);

    const dataBureau = await bureau('data-bureau');
    const denied = await decide(project.id, 1, 'emergency-confirmation', 'reject', dataBureau, {
      checklist: { suddenEvent: { ok: false, note: '未见突发事件' }, urgency: { ok: false }, scope: { ok: true } },
    });
    expect(denied.status, JSON.stringify(denied.body)).toBe(200);
    await eventually(async () =>
      (await emergencyState(project.id, token)).confirmation?.status === 'voided' ? true : undefined,
    );
    const open = async () =>
      (await findingsOf(project.id)).filter((f) => f.status === 'open').map((f) => [f.code, f.key]);
    expect(await open()).toEqual([['ART07-NO-BUILD-BEFORE-APPROVAL', 'emergency']]);
    expect(await funding(project.id, token)).toMatchObject({
      construction: 'held',
      holds: [{ code: 'ART07-NO-BUILD-BEFORE-APPROVAL', funds: ['construction'] }],
    });
    // Its ART15 and ART20 duties are cancelled: nothing is left for the sweep to find that nobody can cure.
    expect(await openDuties(project.id, token, 'ART15-EMERGENCY')).toEqual([]);
    expect(await openDuties(project.id, token, 'ART20-BASELINE')).toEqual([]);
    await sweepAsOf(addMonths(today(), 12));
    expect(await open()).toEqual([['ART07-NO-BUILD-BEFORE-APPROVAL', 'emergency']]);

    // Its procurement and construction routes answer ART07 until it is approved.
    const refused = async (method: 'POST' | 'PUT', tail: string, body: unknown) => {
      const response = await call<{ code: string }>(method, `/v1/projects/${project.id}${tail}`, { token, body });
      return [response.status, response.body.code];
    };
    const art07 = [422, 'ART07-NO-BUILD-BEFORE-APPROVAL'];
    expect(
      await refused('POST', '/procurement-plan', {
        // No procurement paper can be attached in this stage any more; the article answers first.
        planDocumentId: 'none',
        budgetFen: 50_000_000,
        method: 'public-tender',
        requiredQualifications: [],
      }),
    ).toEqual(art07);
    expect(await refused('PUT', '/implementation', IMPLEMENTATION)).toEqual(art07);
    expect(await refused('POST', '/construction-start', { baseline: baseline() })).toEqual(art07);
    expect(
      await refused('POST', '/milestones', {
        milestone: '应急恢复',
        reportedOn: today(),
        progressPercent: 10,
        spentFen: 1_000_000,
        quality: 'meets-standard',
      }),
    ).toEqual(art07);
    expect((await start(project.id, await head())).status).toBe(422);

    // Approved, the finding resolves and the hold lifts; it goes to `approved`, and builds only as any other.
    await submit(project.id, token);
    expect((await decide(project.id, 1, 'tech-review', 'approve', dataBureau)).status).toBe(200);
    const approved = await waitForStage(project.id, token, 'approved');
    expect(approved.constructionStartedAt).toBeNull();
    expect(await open()).toEqual([]);
    expect(await funding(project.id, token)).toMatchObject({ construction: 'allowed', holds: [] });
    const ungated = await start(project.id, await head());
    expect([ungated.status, violationsOf(ungated.body).map(([code]) => code)]).toEqual([
      422,
      expect.arrayContaining(['ART17-NO-BUILD-BEFORE-TENDER', 'ART19-RESPONSIBLE', 'ART23-SUPERVISION']),
    ]);
    await planned(project.id, token, 50_000_000);
    for (const [kind, amount] of [
      ['construction', 40_000_000],
      ['supervision', 2_000_000],
    ] as const) {
      await post(
        `/v1/projects/${project.id}/contracts`,
        token,
        await contractBody(project.id, token, kind, amount),
        201,
      );
    }
    await put(`/v1/projects/${project.id}/implementation`, token, IMPLEMENTATION, 200);
    await post(`/v1/projects/${project.id}/construction-start`, token, { baseline: baseline() }, 200);
    expect((await projectOf(project.id, token)).stage).toBe('construction');
    expect(await openDuties(project.id, token, 'ART20-BASELINE')).toHaveLength(3);
  });

  it('ART15-EMERGENCY: an emergency project rejected after building has its duties cancelled, answers ART07 and is funded no more', async () => {
    const { project, staff, head } = await readyProject({ emergency: emergencyOf(), totalInvestmentFen: 58_000_000 });
    await submit(project.id, await staff());
    // It may start from the technical review too (ART15).
    expect((await start(project.id, await head())).status).toBe(200);
    const token = await staff();
    expect((await decide(project.id, 1, 'tech-review', 'reject', await bureau('data-bureau'))).status).toBe(200);
    await waitForStage(project.id, token, 'rejected');
    await eventually(async () =>
      (await openDuties(project.id, token, 'ART20-BASELINE')).length === 0 ? true : undefined,
    );
    expect(await openDuties(project.id, token, 'ART15-EMERGENCY')).toEqual([]);
    expect((await findingsOf(project.id)).filter((f) => f.status === 'open').map((f) => f.code)).toEqual([
      'ART07-NO-BUILD-BEFORE-APPROVAL',
    ]);
    expect(await funding(project.id, token)).toMatchObject({ construction: 'closed', operations: 'closed' });
    const plan = await call<{ code: string }>('POST', `/v1/projects/${project.id}/procurement-plan`, {
      token,
      body: {
        // No procurement paper can be attached in this stage any more; the article answers first.
        planDocumentId: 'none',
        budgetFen: 50_000_000,
        method: 'public-tender',
        requiredQualifications: [],
      },
    });
    expect([plan.status, plan.body.code]).toEqual([422, 'ART07-NO-BUILD-BEFORE-APPROVAL']);
  });
});
