import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, validityWarnings } from '#shared/domain/policy.ts';
import { call, tokenFor } from './support/client.ts';
import { BASELINE, thisYear, today } from './support/lifecycle.ts';
import {
  bureau,
  decide,
  emergencyBody,
  openTask,
  type Project,
  readyProject,
  submit,
  TECH_CHECKLIST,
  taskIdOf,
  uniqueDept,
  upload,
  waitForStage,
} from './support/scenario.ts';

type Duty = { code: string; key: string; status: string; description: string };
type Event = { action: string; actor: { sub: string }; details: Record<string, unknown> };
type Problem = { code: string; violations?: { code: string; path?: string; article?: number }[] };

const dutiesOf = async (projectId: string, token: string) =>
  (await call<{ items: Duty[] }>('GET', `/v1/projects/${projectId}/obligations?limit=200`, { token })).body.items;
/** The ART15 duties of the procedures it skipped (what it lacks for construction is tested with procurement). */
const PROCEDURES = ['declaration', 'tech-review', 'project-approval', 'finance-review'];
const emergencyDuties = async (projectId: string, token: string) =>
  Object.fromEntries(
    (await dutiesOf(projectId, token))
      .filter((d) => d.code === 'ART15-EMERGENCY' && PROCEDURES.includes(d.key))
      .map((d) => [d.key, d.status]),
  );
const trailOf = async (projectId: string, token: string) =>
  (await call<{ items: Event[] }>('GET', `/v1/projects/${projectId}/events?limit=200`, { token })).body.items;
const signAgain = async (projectId: string, head: () => Promise<string>) => {
  const review = await upload(projectId, await head(), 'internal-compliance-review');
  const signed = await call('POST', `/v1/projects/${projectId}/sign-off`, {
    token: await head(),
    body: { internalReviewDocumentId: review.documentId },
  });
  expect(signed.status, JSON.stringify(signed.body)).toBe(200);
};
const NO_SCOPE = { dataCentre: false, machineRoom: false, cloudPlatform: false };

describe('the approval phase read against the measures', () => {
  it('re-routes a project whose technical review corrects it to a key project (ART13-PROJECT-APPROVAL), on the record', async () => {
    const { project, staff } = await readyProject();
    await submit(project.id, await staff());
    const decided = await decide(project.id, 1, 'tech-review', 'approve', await bureau('data-bureau'), {
      classification: { keyProject: true, involvesConstruction: false, scope: NO_SCOPE },
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    // Declared an ordinary project; the Data Bureau found it a provincial key project: the Approval Bureau now approves it.
    await openTask(project.id, 1, 'project-approval', await bureau('approval-bureau'));
    const read = await waitForStage(project.id, await staff(), 'approval-review');
    expect(read).toMatchObject({ keyProject: true, openReviews: ['project-approval'] });
    const corrected = (await trailOf(project.id, await staff())).find((e) => e.action === 'review.decided');
    expect(corrected?.details.classification).toMatchObject({
      from: { keyProject: false },
      to: { keyProject: true },
    });
  });

  it('refuses to approve a project the technical review finds to be a data centre (ART07-FORBIDDEN-SCOPE), and lets it reject', async () => {
    const { project, staff } = await readyProject();
    await submit(project.id, await staff());
    const reviewer = await bureau('data-bureau');
    const classification = { keyProject: false, involvesConstruction: false, scope: { ...NO_SCOPE, dataCentre: true } };
    const refused = await decide(project.id, 1, 'tech-review', 'approve', reviewer, { classification });
    expect(refused.status).toBe(422);
    expect((refused.body as Problem).violations?.map((v) => [v.code, v.path])).toEqual([
      ['ART07-FORBIDDEN-SCOPE', 'classification.scope.dataCentre'],
    ]);
    const rejected = await decide(project.id, 1, 'tech-review', 'reject', reviewer, { classification });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    expect(await waitForStage(project.id, await staff(), 'rejected')).toMatchObject({
      scope: { dataCentre: true },
    });
  });

  it('cancels the ART14-BUDGET-FILING duty of a finance approval when a parallel review rejects the project', async () => {
    const { project, staff } = await readyProject({ keyProject: true, totalInvestmentFen: 60_000_000 });
    await submit(project.id, await staff());
    await decide(project.id, 1, 'tech-review', 'approve', await bureau('data-bureau'));
    const finance = await decide(project.id, 1, 'finance-review', 'approve', await bureau('finance'), {
      approvedBudgetFen: 60_000_000,
    });
    expect(finance.status, JSON.stringify(finance.body)).toBe(200);
    expect((await dutiesOf(project.id, await staff())).map((d) => [d.code, d.status])).toEqual([
      ['ART14-BUDGET-FILING', 'open'],
    ]);
    await decide(project.id, 1, 'project-approval', 'reject', await bureau('approval-bureau'));
    await waitForStage(project.id, await staff(), 'rejected');
    expect((await dutiesOf(project.id, await staff())).map((d) => [d.code, d.status])).toEqual([
      ['ART14-BUDGET-FILING', 'cancelled'],
    ]);
    // The finance approval's budget belonged to a round that was not approved: it never applied.
    expect(
      (await call<Project>('GET', `/v1/projects/${project.id}`, { token: await staff() })).body.approvedBudgetFen,
    ).toBeNull();
  });

  it('warns under ART06-ANNUAL-PLAN when the year has no approved plan, and records the inAnnualPlan answer without blocking', async () => {
    const year = thisYear() + 5;
    const { project, staff } = await readyProject({ year });
    const submitted = await submit(project.id, await staff());
    // As the measures end (ART35), every submission carries their validity warning beside it.
    const validity = validityWarnings(DEFAULT_POLICY, today()).map((w) => [w.code, w.path]);
    expect((submitted.warnings as { code: string; path: string }[]).map((w) => [w.code, w.path]).sort()).toEqual(
      [['ART06-ANNUAL-PLAN', 'year'], ...validity].sort(),
    );
    const decided = await decide(project.id, 1, 'tech-review', 'approve', await bureau('data-bureau'), {
      checklist: { ...TECH_CHECKLIST, inAnnualPlan: { ok: false, note: `未列入${year}年度计划` } },
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    await waitForStage(project.id, await staff(), 'approved');
  });

  it('serves the policy in force with the validity of the measures (ART35-VALIDITY)', async () => {
    const policy = await call<{
      measures: { inForce: string; expires: string; daysLeft: number };
      choices: { setting: string; article: number }[];
    }>('GET', '/v1/policy', { token: await tokenFor({ roles: ['audit'] }) });
    expect(policy.status).toBe(200);
    expect(policy.body).toMatchObject({
      financeReviewThresholdFen: 60_000_000,
      measures: { inForce: '2024-09-20', expires: '2029-09-19' },
    });
    expect(policy.body.measures.daysLeft).toBeGreaterThan(0);
    // ART15-EMERGENCY, ART29-FILING: the Data Bureau's confirmations are due in a policy choice (article 4 sets no period).
    expect(policy.body).toMatchObject({ confirmationWorkingDays: 5, emergencyDecisionWorkingDays: 3 });
    expect(policy.body.choices).toContainEqual(
      expect.objectContaining({ setting: 'confirmationWorkingDays', article: 4 }),
    );
  });

  it('describes social-security as a social-safety incident (社会安全事件) in OpenAPI (ART15-EMERGENCY)', async () => {
    const document = JSON.stringify((await call('GET', '/v1/openapi.json')).body);
    expect(document).toContain('social-safety incident (社会安全事件)');
  });
});

describe('ART15-EMERGENCY: an emergency project builds first and completes each procedure as it goes', () => {
  const emergency = emergencyBody();

  it('recounts its duties on an edit, fulfils each by its procedure, and goes straight to construction when approved', async () => {
    const { project, staff, head } = await readyProject({ emergency, totalInvestmentFen: 58_000_000 });
    const started = await call('POST', `/v1/projects/${project.id}/construction-start`, {
      token: await head(),
      body: { baseline: BASELINE },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    await openTask(project.id, 1, 'emergency-confirmation', await bureau('data-bureau'));
    expect(await emergencyDuties(project.id, await staff())).toEqual({ declaration: 'open', 'tech-review': 'open' });
    const duty = (await dutiesOf(project.id, await staff())).find((d) => d.code === 'ART15-EMERGENCY');
    expect(duty?.description).toMatch(/policy setting: article 15 sets none/);

    // A key project of 900,000 CNY owes project approval and finance review too; back under the threshold, no finance review.
    const edit = async (patch: Record<string, unknown>) => {
      const current = await call<Project>('GET', `/v1/projects/${project.id}`, { token: await staff() });
      const edited = await call('PATCH', `/v1/projects/${project.id}`, {
        token: await staff(),
        headers: { 'if-match': String(current.body.version) },
        body: patch,
      });
      expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    };
    await edit({ keyProject: true, totalInvestmentFen: 90_000_000 });
    expect(await emergencyDuties(project.id, await staff())).toEqual({
      declaration: 'open',
      'tech-review': 'open',
      'project-approval': 'open',
      'finance-review': 'open',
    });
    // Back under the threshold, the duty stays open: an edit never cancels one (only the review's correction, or the conclusion).
    await edit({ totalInvestmentFen: 58_000_000 });
    expect(await emergencyDuties(project.id, await staff())).toMatchObject({ 'finance-review': 'open' });
    // It built before approval because it is an emergency (ART07, ART15): that cannot be edited away.
    const current = await call<Project>('GET', `/v1/projects/${project.id}`, { token: await staff() });
    const unmade = await call<{ code: string }>('PATCH', `/v1/projects/${project.id}`, {
      token: await staff(),
      headers: { 'if-match': String(current.body.version) },
      body: { emergency: null },
    });
    expect([unmade.status, unmade.body.code]).toEqual([422, 'ART15-EMERGENCY']);

    await signAgain(project.id, head);
    await submit(project.id, await staff());
    expect(await emergencyDuties(project.id, await staff())).toMatchObject({ declaration: 'fulfilled' });
    await decide(project.id, 1, 'tech-review', 'approve', await bureau('data-bureau'));
    expect(await emergencyDuties(project.id, await staff())).toMatchObject({ 'tech-review': 'fulfilled' });
    await decide(project.id, 1, 'project-approval', 'approve', await bureau('approval-bureau'));
    const building = await waitForStage(project.id, await staff(), 'construction');
    expect(building).toMatchObject({
      approvedEstimateFen: 58_000_000,
      approvedBy: ['tech-review', 'project-approval'],
    });
    expect(await emergencyDuties(project.id, await staff())).toEqual({
      declaration: 'fulfilled',
      'tech-review': 'fulfilled',
      'project-approval': 'fulfilled',
      'finance-review': 'cancelled',
    });
  });

  it('cancels the duties a rejection made impossible, and refuses to start a rejected project', async () => {
    const { project, staff, head } = await readyProject({ emergency });
    await submit(project.id, await staff());
    expect(
      (
        await call('POST', `/v1/projects/${project.id}/construction-start`, {
          token: await head(),
          body: { baseline: BASELINE },
        })
      ).status,
    ).toBe(200);
    expect(await emergencyDuties(project.id, await staff())).toEqual({ 'tech-review': 'open' });
    await decide(project.id, 1, 'tech-review', 'reject', await bureau('data-bureau'));
    await waitForStage(project.id, await staff(), 'rejected');
    expect(await emergencyDuties(project.id, await staff())).toEqual({ 'tech-review': 'cancelled' });

    // It built without approval and was rejected: construction answers ART07 (未批先建).
    const again = await call<{ code: string }>('POST', `/v1/projects/${project.id}/construction-start`, {
      token: await head(),
      body: { baseline: BASELINE },
    });
    expect([again.status, again.body.code]).toEqual([422, 'ART07-NO-BUILD-BEFORE-APPROVAL']);
  });
});

describe('separation of duties without deadlock (ART04-ROLE)', () => {
  it('lets the Data Bureau decide the technical review of its own project, marked conflictOfInterest and listed for audit', async () => {
    const dept = uniqueDept('data-bureau-itself');
    const { project, staff } = await readyProject({}, dept);
    const admin = await tokenFor({ roles: ['admin'], sub: 'coi-admin' });
    const marked = await call('PUT', `/v1/departments/${dept}`, {
      token: admin,
      body: { name: '县数据局', dataManagementUnit: { name: '信息股', contact: '0356' }, bureauRole: 'data-bureau' },
    });
    expect(marked.status).toBe(200);
    await submit(project.id, await staff());
    const ownReviewer = await tokenFor({ roles: ['data-bureau'], dept, sub: `${dept}-reviewer` });
    const decided = await decide(project.id, 1, 'tech-review', 'approve', ownReviewer);
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body).toMatchObject({ status: 'decided', conflictOfInterest: true });
    const trail = await trailOf(project.id, await staff());
    expect(trail.find((e) => e.action === 'review.decided')?.details).toMatchObject({ conflictOfInterest: true });

    const audit = await tokenFor({ roles: ['audit'], sub: 'coi-auditor' });
    const listed = await call<{ items: { id: string; conflictOfInterest: boolean }[] }>(
      'GET',
      '/v1/tasks?conflictOfInterest=true&limit=200',
      { token: audit },
    );
    expect(listed.body.items.map((t) => t.id)).toContain(taskIdOf(project.id, 1, 'tech-review'));
    expect(listed.body.items.every((t) => t.conflictOfInterest)).toBe(true);
    const notAudit = await call('GET', '/v1/tasks?conflictOfInterest=true', { token: await bureau('finance') });
    expect(notAudit.status).toBe(403);
  });

  it('keeps a reviewer of any other owner department from deciding or authoring the opinion (ART04-ROLE)', async () => {
    const { project, staff, dept } = await readyProject();
    await submit(project.id, await staff());
    const insider = await tokenFor({ roles: ['data-bureau'], dept, sub: `${dept}-insider` });
    await openTask(project.id, 1, 'tech-review', insider);
    const authored = await call<Problem>('POST', `/v1/projects/${project.id}/documents`, {
      token: insider,
      body: {
        kind: 'tech-review-opinion',
        fileName: 'opinion.pdf',
        contentType: 'application/pdf',
        sizeBytes: 10,
        sha256: 'a'.repeat(64),
      },
    });
    expect(authored.status).toBe(403);
    expect(authored.body.code).toBe('ART04-ROLE');

    // One reviewer uploads the opinion; another cannot approve on it.
    const author = await bureau('data-bureau', 'opinion-author');
    const opinion = await upload(project.id, author, 'tech-review-opinion');
    const other = await bureau('data-bureau', 'another-reviewer');
    const decided = await call<Problem>('POST', `/v1/tasks/${taskIdOf(project.id, 1, 'tech-review')}/decision`, {
      token: other,
      body: { decision: 'approve', opinion: '同意', opinionDocumentId: opinion.documentId, checklist: TECH_CHECKLIST },
    });
    expect(decided.status).toBe(422);
    expect(decided.body.violations?.map((v) => v.code)).toEqual(['ART04-ROLE']);
  });
});

describe('submission and the reviewers’ queues under load', () => {
  it('answers ten concurrent submits with exactly one 202 and nine 409s; one Idempotency-Key replays its 202', async () => {
    const { project, staff } = await readyProject();
    const token = await staff();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => call('POST', `/v1/projects/${project.id}/submit`, { token })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([202, 409, 409, 409, 409, 409, 409, 409, 409, 409]);

    const { project: keyed, staff: keyedStaff } = await readyProject();
    const same = await Promise.all(
      Array.from({ length: 5 }, async () =>
        call('POST', `/v1/projects/${keyed.id}/submit`, {
          token: await keyedStaff(),
          headers: { 'idempotency-key': `submit-${keyed.id}` },
        }),
      ),
    );
    expect(same.map((a) => a.status)).toEqual([202, 202, 202, 202, 202]);
    expect(new Set(same.map((a) => JSON.stringify(a.body))).size).toBe(1);
  });

  it('pages a reviewer holding two review roles through both queues with one cursor', async () => {
    const mine: string[] = [];
    for (const total of [58_000_000, 58_000_000, 60_000_000]) {
      const { project, staff } = await readyProject({ totalInvestmentFen: total });
      await submit(project.id, await staff());
      if (total >= 60_000_000) {
        await decide(project.id, 1, 'tech-review', 'approve', await bureau('data-bureau'));
        mine.push((await openTask(project.id, 1, 'finance-review', await bureau('finance'))).id);
      } else {
        mine.push((await openTask(project.id, 1, 'tech-review', await bureau('data-bureau'))).id);
      }
    }
    const both = await tokenFor({ roles: ['data-bureau', 'finance'], dept: 'review-both', sub: 'two-roles' });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `/v1/tasks?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { status: number; body: { items: { id: string; dueDate: string }[]; nextCursor: string | null } } =
        await call('GET', query, { token: both });
      expect(page.status).toBe(200);
      const dues = page.body.items.map((t) => t.dueDate);
      expect(dues).toEqual([...dues].sort());
      seen.push(...page.body.items.map((t) => t.id));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor && pages < 500);
    expect(cursor).toBeNull();
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of mine) expect(seen).toContain(id);
  });
});
