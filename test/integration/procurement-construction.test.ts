import { describe, expect, it } from 'vitest';
import { addCalendarDays, addMonths } from '#shared/domain/calendar.ts';
import { call, tokenFor } from './support/client.ts';
import {
  approvedProject,
  BASELINE,
  contractBody,
  daysFromToday,
  doc,
  dutiesOf,
  findingsOf,
  IMPLEMENTATION,
  planned,
  post,
  projectOf,
  put,
  QUALIFICATION,
  sweepAsOf,
  today,
  underConstruction,
  violationsOf,
} from './support/lifecycle.ts';
import { bureau, decide, emergencyBody, openTask } from './support/scenario.ts';

type Change = { id: string; route: string; status: string; cumulativeAdjustedFen: number; limitFen: number };

describe('procurement, construction and changes (ART16–25, ART22) through the HTTP API', () => {
  it('walks a project from declaration to acceptance, with filed changes up to the 10% line and one re-approved change', async () => {
    const { project, staff, head, dept } = await approvedProject({ totalInvestmentFen: 100_000_000 });
    const token = await staff();
    const path = (tail: string) => `/v1/projects/${project.id}${tail}`;
    expect(await projectOf(project.id, token)).toMatchObject({
      stage: 'approved',
      approvedEstimateFen: 100_000_000,
      approvedBudgetFen: 100_000_000,
    });

    // ART16: no contract before a plan — 422 even though the stage is also wrong.
    const early = await call('POST', path('/contracts'), {
      token,
      body: await contractBody(project.id, token, 'construction', 1),
    });
    expect(early.status).toBe(422);
    expect((early.body as { code: string }).code).toBe('ART16-PROCUREMENT-PLAN');

    // ART17 and ART18 at once: a plan above the approved budget demanding a classified qualification.
    const planDocumentId = await doc(project.id, token, 'procurement-plan');
    const refused = await call('POST', path('/procurement-plan'), {
      token,
      body: {
        planDocumentId,
        budgetFen: 100_000_001,
        method: 'public-tender',
        requiredQualifications: [{ name: '涉密信息系统集成甲级', classified: true }],
      },
    });
    expect(refused.status).toBe(422);
    expect(violationsOf(refused.body)).toEqual([
      ['ART17-WITHIN-BUDGET', 'budgetFen'],
      ['ART18-QUALIFICATION', 'requiredQualifications.0.classified'],
    ]);
    const plan = {
      planDocumentId,
      budgetFen: 95_000_000,
      method: 'public-tender',
      requiredQualifications: [{ name: QUALIFICATION, classified: false }],
    };
    await post(path('/procurement-plan'), token, plan, 201);
    expect((await projectOf(project.id, token)).stage).toBe('procurement');
    expect((await call('POST', path('/procurement-plan'), { token, body: plan })).status).toBe(409);
    const noticeDocumentId = await doc(project.id, token, 'procurement-notice');
    await post(path('/procurement-notices'), token, { noticeDocumentId, publishedOn: daysFromToday(-15) }, 201);

    // A credit code whose check character is wrong is malformed input, naming the field.
    const construction = await contractBody(project.id, token, 'construction', 60_000_000);
    const forged = await call('POST', path('/contracts'), {
      token,
      body: { ...construction, vendor: { ...construction.vendor, creditCode: '91350100M000100Y44' } },
    });
    expect(forged.status).toBe(400);
    expect(violationsOf(forged.body)).toEqual([['VALIDATION', 'vendor.creditCode']]);
    await post(path('/contracts'), token, construction, 201);

    const supervision = await contractBody(project.id, token, 'supervision', 3_000_000, {
      qualifications: [{ kind: 'other', name: '普通资质', certificateNo: 'X-1' }],
    });
    const unqualified = await call('POST', path('/contracts'), { token, body: supervision });
    expect(violationsOf(unqualified.body)).toEqual([['ART23-SUPERVISION', 'vendor.qualifications']]);
    const transferred = await call('POST', path('/contracts'), {
      token,
      body: {
        ...(await contractBody(project.id, token, 'construction', 1_000_000)),
        wholeTransfer: true,
        subcontractors: [
          {
            name: '某分包商',
            creditCode: '91110000600037341L',
            qualifications: [],
            scope: '综合布线',
            scopeKind: 'it-construction',
          },
        ],
      },
    });
    expect(violationsOf(transferred.body)).toEqual([
      ['ART18-NO-SUBCONTRACT', 'wholeTransfer'],
      ['ART18-NO-SUBCONTRACT', 'subcontractors.0.qualifications'],
    ]);

    // Construction cannot start before a supervision contract and a responsible person (ART23, ART19).
    const notYet = await call('POST', path('/construction-start'), { token, body: { baseline: BASELINE } });
    expect(violationsOf(notYet.body)).toEqual([
      ['ART19-RESPONSIBLE', 'implementation'],
      ['ART23-SUPERVISION', 'contracts'],
    ]);
    await post(path('/contracts'), token, await contractBody(project.id, token, 'supervision', 3_000_000), 201);
    // All contracts together: 63,000,000 of 95,000,000; one fen more than the rest is refused (ART17-WITHIN-BUDGET).
    const over = await call('POST', path('/contracts'), {
      token,
      body: await contractBody(project.id, token, 'construction', 32_000_001),
    });
    expect(violationsOf(over.body)).toEqual([['ART17-WITHIN-BUDGET', 'amountFen']]);
    await put(path('/implementation'), token, IMPLEMENTATION, 200);
    await post(path('/construction-start'), token, { baseline: BASELINE }, 200);
    expect(await projectOf(project.id, token)).toMatchObject({ stage: 'construction' });

    // ART20: one milestone on plan, one over the plan: accepted, with a warning on the project. (A
    // report is dated no later than today, so lateness against a due date is the unit tests'.)
    const milestone = (name: string, reportedOn: string, spentFen: number) => ({
      milestone: name,
      reportedOn,
      progressPercent: 30,
      spentFen,
      quality: 'meets-standard',
    });
    await post(path('/milestones'), token, milestone('需求分析', today(), 9_000_000), 201);
    const overPlan = await post<{ deviations: string[] }>(
      path('/milestones'),
      token,
      milestone('系统开发', today(), 45_000_000),
      201,
    );
    expect(overPlan.deviations).toEqual(['over-plan']);
    expect((await projectOf(project.id, token)).warnings).toContainEqual(
      expect.objectContaining({ code: 'ART20-BASELINE', path: 'milestones.系统开发' }),
    );

    // ART22: changes of 6% and 4% are filed (exactly 10% in all); one fen more goes back through approval.
    const change = async (adjustedAmountFen: number, extra: Record<string, unknown> = {}) => ({
      reason: 'optimization',
      goalUnchanged: true,
      description: '完善技术方案',
      descriptionDocumentId: await doc(project.id, token, 'change-description'),
      adjustedAmountFen,
      newTotalInvestmentFen: 100_000_000,
      ...extra,
    });
    expect(await post<Change>(path('/changes'), token, await change(6_000_000), 201)).toMatchObject({
      route: 'filing',
      status: 'filed',
      cumulativeAdjustedFen: 6_000_000,
      limitFen: 10_000_000,
    });
    expect(await post<Change>(path('/changes'), token, await change(4_000_000), 201)).toMatchObject({
      route: 'filing',
      cumulativeAdjustedFen: 10_000_000,
    });
    const oneFenMore = await change(1, {
      reason: 'business-development',
      newTotalInvestmentFen: 105_000_000,
      adjustedAmountFen: 5_000_000,
    });
    const undeclared = await call('POST', path('/changes'), { token, body: oneFenMore });
    expect(undeclared.status).toBe(422);
    expect(violationsOf(undeclared.body)).toEqual([
      ['ART22-REAPPROVAL', 'signOff'],
      ['ART22-REAPPROVAL', 'collectiveDecisionDocumentId'],
      ['ART22-REAPPROVAL', 'expertOpinionDocumentId'],
    ]);
    const listed = async () => (await call<{ items: Change[] }>('GET', path('/changes'), { token })).body.items;
    expect(await listed()).toHaveLength(2);
    const headToken = await head();
    // The decision and the opinion the project was approved on are not the change's own (ART12, ART22).
    const declared = await call<{ items: { id: string; kind: string }[] }>('GET', path('/documents?limit=200'), {
      token,
    });
    const old = (kind: string) => declared.body.items.find((d) => d.kind === kind)?.id;
    const reused = await call('POST', path('/changes'), {
      token: headToken,
      body: {
        ...oneFenMore,
        collectiveDecisionDocumentId: old('collective-decision'),
        expertOpinionDocumentId: old('expert-opinion'),
      },
    });
    expect(violationsOf(reused.body)).toEqual([
      ['ART22-REAPPROVAL', 'collectiveDecisionDocumentId'],
      ['ART22-REAPPROVAL', 'expertOpinionDocumentId'],
    ]);
    const reapproval = await post<Change & { round: number }>(
      path('/changes'),
      headToken,
      {
        ...oneFenMore,
        collectiveDecisionDocumentId: await doc(project.id, token, 'collective-decision'),
        expertOpinionDocumentId: await doc(project.id, token, 'expert-opinion'),
      },
      201,
    );
    expect(reapproval).toMatchObject({ route: 'reapproval', status: 'pending', round: 2 });
    expect((await call('POST', path('/changes'), { token, body: await change(1) })).status).toBe(409);
    expect((await call('POST', path('/completion'), { token, body: { completedOn: today() } })).status).toBe(409);
    const techTask = await openTask(project.id, 2, 'tech-review', await bureau('data-bureau'));
    expect(techTask).toMatchObject({ changeId: reapproval.id });
    expect((await projectOf(project.id, token)).stage).toBe('construction');
    await decide(project.id, 2, 'tech-review', 'approve', await bureau('data-bureau'));
    await decide(project.id, 2, 'finance-review', 'approve', await bureau('finance'), {
      approvedBudgetFen: 105_000_000,
    });
    await waitForChange(project.id, token, reapproval.id, 'approved');
    expect(await projectOf(project.id, token)).toMatchObject({
      stage: 'construction',
      totalInvestmentFen: 105_000_000,
      approvedEstimateFen: 105_000_000,
      approvedBudgetFen: 105_000_000,
    });
    // The count starts again on the new estimate: 10% of 105,000,000 is filed.
    expect(
      await post<Change>(
        path('/changes'),
        token,
        await change(10_500_000, { newTotalInvestmentFen: 105_000_000 }),
        201,
      ),
    ).toMatchObject({
      route: 'filing',
      cumulativeAdjustedFen: 10_500_000,
      limitFen: 10_500_000,
    });

    // ART24: the MLPS filing, confirmed by the Public Security Bureau; ART21: the assets, registered.
    const mlps = await post<{ id: string }>(
      path('/security-records'),
      token,
      { kind: 'mlps-filing', documentId: await doc(project.id, token, 'mlps-filing'), on: daysFromToday(-9), level: 3 },
      201,
    );
    expect((await call('POST', path(`/security-records/${mlps.id}/confirmation`), { token, body: {} })).status).toBe(
      403,
    );
    const police = await tokenFor({ roles: ['public-security'], dept: 'public-security', sub: 'police-1' });
    expect(await post(path(`/security-records/${mlps.id}/confirmation`), police, {}, 200)).toMatchObject({
      confirmedBy: 'police-1',
    });
    const unregistered = await call('PUT', path('/assets'), {
      token,
      body: { items: [{ name: '服务器', kind: 'fixed', valueFen: 2_000_000, registrationNo: null }] },
    });
    expect(violationsOf(unregistered.body)).toEqual([['ART21-ASSETS', 'items.0.registrationNo']]);
    await put(
      path('/assets'),
      token,
      { items: [{ name: '服务器', kind: 'fixed', valueFen: 2_000_000, registrationNo: 'LC-GZ-2026-0001' }] },
      200,
    );

    // Completion: not in the future; then acceptance within six months (ART27-ACCEPTANCE-DEADLINE).
    expect((await call('POST', path('/completion'), { token, body: { completedOn: '2099-01-01' } })).status).toBe(400);
    const completedOn = today();
    await post(path('/completion'), token, { completedOn }, 200);
    expect(await projectOf(project.id, token)).toMatchObject({ stage: 'acceptance', completedOn });
    expect((await dutiesOf(project.id, token)).find((d) => d.code === 'ART27-ACCEPTANCE-DEADLINE')).toMatchObject({
      status: 'open',
      dueDate: addMonths(completedOn, 6),
    });
    const verdict = await call<{ valid: boolean; count: number }>('GET', path('/events/verify'), { token });
    expect(verdict.body.valid).toBe(true);
    expect(dept).toBeTruthy();
  });

  it('lets exactly one of two concurrent contracts land when together they exceed the budget (ART17-WITHIN-BUDGET)', async () => {
    const { project, staff } = await approvedProject({ totalInvestmentFen: 58_000_000 });
    const token = await staff();
    await planned(project.id, token, 50_000_000);
    const bodies = await Promise.all([
      contractBody(project.id, token, 'construction', 30_000_000),
      contractBody(project.id, token, 'construction', 30_000_000),
    ]);
    const answers = await Promise.all(
      bodies.map((body) => call('POST', `/v1/projects/${project.id}/contracts`, { token, body })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 422]);
    expect(answers.find((a) => a.status === 422)?.body).toMatchObject({ code: 'ART17-WITHIN-BUDGET' });
    // A change before construction carries no baseline: the baseline is set when construction starts.
    const early = await call('POST', `/v1/projects/${project.id}/changes`, {
      token,
      body: {
        reason: 'optimization',
        goalUnchanged: true,
        description: '调整',
        descriptionDocumentId: await doc(project.id, token, 'change-description'),
        adjustedAmountFen: 1,
        newTotalInvestmentFen: 58_000_000,
        baseline: BASELINE,
      },
    });
    expect(early.status).toBe(400);
    expect(violationsOf(early.body)).toEqual([['VALIDATION', 'baseline']]);
  });

  it('finds a baseline milestone past its date with no report (ART20-BASELINE) and resolves it once reported', async () => {
    const { project, staff } = await underConstruction();
    const token = await staff();
    await sweepAsOf(addCalendarDays(BASELINE.milestones[0]?.dueOn ?? '', 1));
    expect((await findingsOf(project.id)).map((f) => [f.code, f.key, f.status])).toEqual([
      ['ART20-BASELINE', 'milestone-需求分析', 'open'],
    ]);
    await post(
      `/v1/projects/${project.id}/milestones`,
      token,
      {
        milestone: '需求分析',
        reportedOn: today(),
        progressPercent: 25,
        spentFen: 9_000_000,
        quality: 'meets-standard',
      },
      201,
    );
    await sweepAsOf(addCalendarDays(BASELINE.milestones[0]?.dueOn ?? '', 3));
    expect((await findingsOf(project.id)).map((f) => [f.code, f.status])).toEqual([['ART20-BASELINE', 'resolved']]);
  });

  it('finds an acceptance not completed within six months of completion (ART27-ACCEPTANCE-DEADLINE)', async () => {
    const { project, staff } = await underConstruction();
    const completedOn = today();
    await post(`/v1/projects/${project.id}/completion`, await staff(), { completedOn }, 200);
    // A milestone not reported by completion is still owed, and reported during acceptance (ART20-BASELINE).
    await post(
      `/v1/projects/${project.id}/milestones`,
      await staff(),
      {
        milestone: '需求分析',
        reportedOn: completedOn,
        progressPercent: 100,
        spentFen: 9_000_000,
        quality: 'meets-standard',
      },
      201,
    );
    const due = addMonths(completedOn, 6);
    await sweepAsOf(due);
    expect((await findingsOf(project.id)).filter((f) => f.code === 'ART27-ACCEPTANCE-DEADLINE')).toEqual([]);
    await sweepAsOf(addCalendarDays(due, 1));
    expect((await findingsOf(project.id)).filter((f) => f.code === 'ART27-ACCEPTANCE-DEADLINE')).toHaveLength(1);
  });

  it('builds an emergency project first (ART15-EMERGENCY): each skipped item a duty, fulfilled by its route, the rest found late', async () => {
    const emergency = emergencyBody({ eventType: 'public-health', justification: '传染病疫情应急管理系统' });
    const { project, staff, head } = await approvedProject({ emergency, totalInvestmentFen: 58_000_000 });
    const token = await staff();
    // Skipping the tender is an emergency start: the head's decision (ART15, ART04-ROLE), not the staff's.
    const byStaff = await call('POST', `/v1/projects/${project.id}/construction-start`, {
      token,
      body: { baseline: BASELINE },
    });
    expect(byStaff.status).toBe(403);
    await post(`/v1/projects/${project.id}/construction-start`, await head(), { baseline: BASELINE }, 200);
    const skipped = async () =>
      Object.fromEntries(
        (await dutiesOf(project.id, token)).filter((d) => d.code === 'ART15-EMERGENCY').map((d) => [d.key, d.status]),
      );
    expect(await skipped()).toEqual({
      'emergency-decision': 'open',
      'construction-contract': 'open',
      implementation: 'open',
      'supervision-contract': 'open',
      confidentiality: 'open',
    });
    await planned(project.id, token, 50_000_000);
    await post(
      `/v1/projects/${project.id}/contracts`,
      token,
      await contractBody(project.id, token, 'construction', 30_000_000),
      201,
    );
    await put(`/v1/projects/${project.id}/implementation`, token, IMPLEMENTATION, 200);
    expect(await skipped()).toEqual({
      'emergency-decision': 'open',
      'construction-contract': 'fulfilled',
      implementation: 'fulfilled',
      'supervision-contract': 'open',
      confidentiality: 'fulfilled',
    });
    // It completes what it skipped before it is complete (ART15).
    const notYet = await call('POST', `/v1/projects/${project.id}/completion`, {
      token,
      body: { completedOn: today() },
    });
    expect(violationsOf(notYet.body).sort()).toEqual([
      ['ART15-EMERGENCY', 'obligations.emergency-decision'],
      ['ART15-EMERGENCY', 'obligations.supervision-contract'],
    ]);
    const [supervision] = (await dutiesOf(project.id, token)).filter((d) => d.key === 'supervision-contract');
    const dayAfter = new Date(Date.parse(`${supervision?.dueDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await sweepAsOf(dayAfter);
    expect(
      (await findingsOf(project.id))
        .filter((f) => f.code === 'ART15-EMERGENCY')
        .map((f) => f.key)
        .sort(),
    ).toEqual(['emergency-decision', 'supervision-contract']);
  });

  it('keeps another department out (404), reviewers off the owner routes (403), and lets audit read (ART04-ROLE)', async () => {
    const { project, staff } = await underConstruction();
    const outsider = await tokenFor({ roles: ['dept-staff'], dept: 'outsider-dept', sub: 'outsider' });
    expect((await call('GET', `/v1/projects/${project.id}/contracts`, { token: outsider })).status).toBe(404);
    expect(
      (await call('PUT', `/v1/projects/${project.id}/implementation`, { token: outsider, body: IMPLEMENTATION }))
        .status,
    ).toBe(404);
    const reviewer = await bureau('data-bureau');
    const refused = await call('PUT', `/v1/projects/${project.id}/implementation`, {
      token: reviewer,
      body: IMPLEMENTATION,
    });
    expect(refused.status).toBe(403);
    const audit = await tokenFor({ roles: ['audit'], sub: 'auditor' });
    const records = await call<{ contract: unknown[]; baseline: unknown[] }>(
      'GET',
      `/v1/projects/${project.id}/records`,
      {
        token: audit,
      },
    );
    expect(records.body.contract).toHaveLength(2);
    expect(records.body.baseline).toHaveLength(1);
    const changes = await call('GET', `/v1/projects/${project.id}/changes`, { token: await staff() });
    expect(changes.status).toBe(200);
  });

  it('records security drills of a department by its head or the Data Bureau (ART24-SECURITY)', async () => {
    const { dept, head, staff } = await approvedProject();
    const drill = { on: daysFromToday(-15), scenario: '勒索病毒应急处置演练', participants: 18 };
    expect(
      (await call('POST', `/v1/departments/${dept}/security-drills`, { token: await staff(), body: drill })).status,
    ).toBe(403);
    const keyed = async () =>
      call('POST', `/v1/departments/${dept}/security-drills`, {
        token: await head(),
        body: drill,
        headers: { 'idempotency-key': `drill-${dept}` },
      });
    const first = await keyed();
    expect(first.status).toBe(201);
    expect(await keyed()).toMatchObject({ status: 201, body: first.body });
    await post(
      `/v1/departments/${dept}/security-drills`,
      await bureau('data-bureau'),
      { ...drill, on: daysFromToday(-14) },
      201,
    );
    const listed = await call<{ items: { on: string }[] }>('GET', `/v1/departments/${dept}/security-drills`, {
      token: await staff(),
    });
    expect(listed.body.items.map((d) => d.on)).toEqual([daysFromToday(-15), daysFromToday(-14)]);
    const other = await tokenFor({ roles: ['dept-head'], dept: 'another-dept', sub: 'another-head' });
    expect((await call('POST', `/v1/departments/${dept}/security-drills`, { token: other, body: drill })).status).toBe(
      403,
    );
  });
});

const waitForChange = async (projectId: string, token: string, changeId: string, status: string) => {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const changes = await call<{ items: Change[] }>('GET', `/v1/projects/${projectId}/changes`, { token });
    if (changes.body.items.find((c) => c.id === changeId)?.status === status) return;
    if (Date.now() > deadline) throw new Error(`change ${changeId} never became ${status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};
