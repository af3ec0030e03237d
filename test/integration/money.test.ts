import { describe, expect, it } from 'vitest';
import { call } from './support/client.ts';
import {
  approvedProject,
  BASELINE,
  contractBody,
  doc,
  dutiesOf,
  findingsOf,
  IMPLEMENTATION,
  planned,
  post,
  projectOf,
  put,
  today,
  underConstruction,
  violationsOf,
} from './support/lifecycle.ts';
import { bureau, decide, eventually } from './support/scenario.ts';

type Finding = { code: string; key: string; status: string; description: string };

/**
 * A change the department head declares again (ART22-REAPPROVAL: `other` is not a listed reason),
 * re-approved by the Data Bureau and by Finance with `approvedBudgetFen`; waits until it applies.
 */
const reapproved = async (
  ready: { project: { id: string }; staff: () => Promise<string>; head: () => Promise<string> },
  figures: { newTotalInvestmentFen: number; adjustedAmountFen: number; approvedBudgetFen: number },
) => {
  const { project } = ready;
  const token = await ready.staff();
  const change = await post<{ id: string; round: number }>(
    `/v1/projects/${project.id}/changes`,
    await ready.head(),
    {
      reason: 'other',
      goalUnchanged: true,
      description: '扩大建设内容',
      descriptionDocumentId: await doc(project.id, token, 'change-description'),
      adjustedAmountFen: figures.adjustedAmountFen,
      newTotalInvestmentFen: figures.newTotalInvestmentFen,
      collectiveDecisionDocumentId: await doc(project.id, token, 'collective-decision'),
      expertOpinionDocumentId: await doc(project.id, token, 'expert-opinion'),
    },
    201,
  );
  expect((await decide(project.id, change.round, 'tech-review', 'approve', await bureau('data-bureau'))).status).toBe(
    200,
  );
  const finance = await decide(project.id, change.round, 'finance-review', 'approve', await bureau('finance'), {
    approvedBudgetFen: figures.approvedBudgetFen,
  });
  expect(finance.status, JSON.stringify(finance.body)).toBe(200);
  await eventually(async () => {
    const listed = await call<{ items: { id: string; status: string }[] }>(
      'GET',
      `/v1/projects/${project.id}/changes`,
      { token },
    );
    return listed.body.items.find((c) => c.id === change.id)?.status === 'approved' ? true : undefined;
  });
};

type ChangeView = {
  id: string;
  status: string;
  route: string;
  round: number | null;
  budgetReview: string | null;
  budgetReviewStatus: string | null;
  approvedBudgetFen: number | null;
};

describe('money stays within what was approved (ART14, ART17, ART20, ART22)', () => {
  it('ART22-CHANGE-FILING: a filed change above the approved budget applies only once a round of Finance alone approves the new budget; a refused one never applies', async () => {
    // Estimate 100,000,000; Finance approved a budget of 96,000,000.
    const { project, staff } = await approvedProject({ totalInvestmentFen: 100_000_000 }, undefined, {
      approvedBudgetFen: 96_000_000,
    });
    const token = await staff();
    await planned(project.id, token, 90_000_000);
    const path = (tail = '') => `/v1/projects/${project.id}/changes${tail}`;
    const change = async (newTotalInvestmentFen: number, adjustedAmountFen: number) =>
      post<ChangeView>(
        path(),
        token,
        {
          reason: 'optimization',
          goalUnchanged: true,
          description: '优化技术方案',
          descriptionDocumentId: await doc(project.id, token, 'change-description'),
          adjustedAmountFen,
          newTotalInvestmentFen,
        },
        201,
      );
    const decided = (id: string, status: string) =>
      eventually(async () => {
        const read = await call<ChangeView>('GET', path(`/${id}`), { token });
        return read.body.status === status ? read.body : undefined;
      });

    // Down to 95,000,000: within the budget, filed and applied at once.
    expect(await change(95_000_000, 5_000_000)).toMatchObject({ status: 'filed', budgetReview: null });
    // Up to 99,000,000: within the estimate and the 10% (9,000,000 in all), but above the budget.
    const above = await change(99_000_000, 4_000_000);
    expect(above).toMatchObject({
      route: 'filing',
      status: 'pending',
      budgetReview: 'required',
      budgetReviewStatus: 'open',
      round: 1,
    });
    expect((await call<ChangeView>('GET', path(`/${above.id}`), { token })).body).toMatchObject({
      budgetReview: 'required',
      budgetReviewStatus: 'open',
    });
    // Nothing applies yet, and no technical review or project approval is asked: Finance alone.
    const waiting = await projectOf(project.id, token);
    expect(waiting).toMatchObject({ totalInvestmentFen: 95_000_000, approvedBudgetFen: 96_000_000 });
    expect(waiting.rounds).toMatchObject({ approval: { round: 1 }, budget: { round: 1, status: 'running' } });
    // One pending change at a time, whichever round decides it.
    const meanwhile = await call('POST', path(), {
      token,
      body: {
        reason: 'optimization',
        goalUnchanged: true,
        description: '再次调整',
        descriptionDocumentId: await doc(project.id, token, 'change-description'),
        adjustedAmountFen: 1,
        newTotalInvestmentFen: 95_000_000,
      },
    });
    expect(meanwhile.status).toBe(409);
    const finance = await bureau('finance');
    const approval = await decide(project.id, 1, 'budget-review', 'approve', finance, {
      approvedBudgetFen: 99_000_000,
    });
    expect(approval.status, JSON.stringify(approval.body)).toBe(200);
    expect(await decided(above.id, 'filed')).toMatchObject({
      budgetReviewStatus: 'approved',
      approvedBudgetFen: 99_000_000,
    });
    expect(await projectOf(project.id, token)).toMatchObject({
      totalInvestmentFen: 99_000_000,
      approvedBudgetFen: 99_000_000,
      approvedEstimateFen: 100_000_000,
    });
    // ART14: the new budget approval is filed with the Data Bureau like the first.
    expect((await dutiesOf(project.id, token)).map((d) => [d.code, d.key, d.status])).toContainEqual([
      'ART14-BUDGET-FILING',
      'budget-1',
      'open',
    ]);

    // Up to 100,000,000 (10,000,000 in all, the 10% itself): Finance refuses; the change never applies.
    const refused = await change(100_000_000, 1_000_000);
    expect(refused).toMatchObject({ status: 'pending', budgetReview: 'required', round: 2 });
    expect((await decide(project.id, 2, 'budget-review', 'reject', finance)).status).toBe(200);
    expect(await decided(refused.id, 'rejected')).toMatchObject({
      budgetReviewStatus: 'rejected',
      approvedBudgetFen: null,
    });
    expect(await projectOf(project.id, token)).toMatchObject({
      totalInvestmentFen: 99_000_000,
      approvedBudgetFen: 99_000_000,
    });
  });

  it('ART17-WITHIN-BUDGET: a finance budget below the contracts signed is accepted, opens a finding naming the contracted sum, and caps the next contract', async () => {
    // Contracts of 63,000,000 fen signed under a budget of 100,000,000 (the plan's: 95,000,000).
    const ready = await underConstruction();
    const { project } = ready;
    const token = await ready.staff();
    await reapproved(ready, {
      newTotalInvestmentFen: 100_000_000,
      adjustedAmountFen: 1_000_000,
      approvedBudgetFen: 50_000_000,
    });

    expect(await projectOf(project.id, token)).toMatchObject({ approvedBudgetFen: 50_000_000 });
    const finding = (await findingsOf(project.id)).find((f) => f.code === 'ART17-WITHIN-BUDGET') as Finding | undefined;
    expect(finding).toMatchObject({ status: 'open', key: 'contracts-over-budget' });
    const listed = await call<{ items: Finding[] }>('GET', `/v1/findings?projectId=${project.id}`, {
      token: await bureau('audit'),
    });
    expect(listed.body.items.find((f) => f.code === 'ART17-WITHIN-BUDGET')?.description).toContain('63000000');

    // The plan's 95,000,000 would leave room; the approved budget does not.
    const further = await call('POST', `/v1/projects/${project.id}/contracts`, {
      token,
      body: await contractBody(project.id, token, 'supervision', 1),
    });
    expect(further.status).toBe(422);
    expect(violationsOf(further.body)).toEqual([['ART17-WITHIN-BUDGET', 'amountFen']]);
  });

  it('ART17-WITHIN-BUDGET: after a re-approval an amended procurement plan lets a project approved larger procure the rest', async () => {
    const ready = await underConstruction();
    const { project } = ready;
    const token = await ready.staff();
    const path = `/v1/projects/${project.id}/procurement-plan`;
    const plan = async (budgetFen: number) => ({
      planDocumentId: await doc(project.id, token, 'procurement-plan'),
      budgetFen,
      method: 'public-tender',
      requiredQualifications: [],
    });
    // Filed once per approval: no amendment before a re-approval.
    expect((await call('PUT', path, { token, body: await plan(95_000_000) })).status).toBe(409);
    const beyond = await call('POST', `/v1/projects/${project.id}/contracts`, {
      token,
      body: await contractBody(project.id, token, 'construction', 40_000_000),
    });
    expect(violationsOf(beyond.body)).toEqual([['ART17-WITHIN-BUDGET', 'amountFen']]);

    await reapproved(ready, {
      newTotalInvestmentFen: 120_000_000,
      adjustedAmountFen: 20_000_000,
      approvedBudgetFen: 120_000_000,
    });
    const over = await call('PUT', path, { token, body: await plan(120_000_001) });
    expect(violationsOf(over.body)).toEqual([['ART17-WITHIN-BUDGET', 'budgetFen']]);
    const belowSigned = await call('PUT', path, { token, body: await plan(62_999_999) });
    expect(violationsOf(belowSigned.body)).toEqual([['ART17-WITHIN-BUDGET', 'budgetFen']]);
    expect(await put(path, token, await plan(115_000_000), 200)).toMatchObject({ budgetFen: 115_000_000 });
    // The 63,000,000 already signed still count: 40,000,000 more fits in 115,000,000, 52,000,001 would not.
    await post(
      `/v1/projects/${project.id}/contracts`,
      token,
      await contractBody(project.id, token, 'construction', 40_000_000),
      201,
    );
    const past = await call('POST', `/v1/projects/${project.id}/contracts`, {
      token,
      body: await contractBody(project.id, token, 'construction', 12_000_001),
    });
    expect(violationsOf(past.body)).toEqual([['ART17-WITHIN-BUDGET', 'amountFen']]);
  });

  it('ART20-BASELINE: a baseline planning more than the approved budget is refused, and a spend above the approved estimate opens a finding', async () => {
    const { project, staff } = await approvedProject({ totalInvestmentFen: 100_000_000 });
    const token = await staff();
    const path = (tail: string) => `/v1/projects/${project.id}${tail}`;
    await planned(project.id, token, 95_000_000);
    await post(path('/contracts'), token, await contractBody(project.id, token, 'construction', 60_000_000), 201);
    await post(path('/contracts'), token, await contractBody(project.id, token, 'supervision', 3_000_000), 201);
    await put(path('/implementation'), token, IMPLEMENTATION, 200);

    const [first, second, last] = BASELINE.milestones;
    const lavish = { ...BASELINE, milestones: [first, second, { ...last, plannedSpentFen: 100_000_001 }] };
    const refused = await call('POST', path('/construction-start'), { token, body: { baseline: lavish } });
    expect(refused.status).toBe(422);
    expect(violationsOf(refused.body)).toEqual([['ART20-BASELINE', 'baseline.milestones.2.plannedSpentFen']]);
    await post(path('/construction-start'), token, { baseline: BASELINE }, 200);

    await post(
      path('/milestones'),
      token,
      {
        milestone: '需求分析',
        reportedOn: today(),
        progressPercent: 30,
        spentFen: 100_000_001,
        quality: 'meets-standard',
      },
      201,
    );
    expect((await findingsOf(project.id)).map((f) => [f.code, f.key, f.status])).toContainEqual([
      'ART20-BASELINE',
      'spend-over-estimate',
      'open',
    ]);
  });
});
