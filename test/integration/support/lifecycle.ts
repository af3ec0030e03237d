import { expect } from 'vitest';
import { addCalendarDays, shanghaiDate } from '#shared/domain/calendar.ts';
import { call, tokenFor } from './client.ts';
import { bureau, decide, type Project, readyProject, submit, upload, waitForStage } from './scenario.ts';

/** Valid unified social credit codes (their check characters are right). */
export const CREDIT_CODES = ['91350100M000100Y43', '91110000600037341L', '911100001000079554', '91440300708461136T'];

export const QUALIFICATION = '信息系统建设和服务能力等级证书';

/**
 * Today in Lingchuan (Asia/Shanghai), the date a completion or an acceptance may carry at the
 * latest and, building from today, at the earliest: a run may cross midnight there.
 */
export const today = () => shanghaiDate(new Date());

/** A date `days` from today in Lingchuan: tests never name a date a moving today could overtake (issue #22 item 8). */
export const daysFromToday = (days: number) => addCalendarDays(today(), days);

/** This year in Lingchuan. */
export const thisYear = () => Number(today().slice(0, 4));

/**
 * A project approved through the real workflow; with finance review when its total is 600,000 CNY
 * or more (approving `approvedBudgetFen`, the total unless told), and then its budget filed (ART14)
 * unless `fileBudget` is false.
 */
export const approvedProject = async (
  overrides: Record<string, unknown> = {},
  dept?: string,
  { fileBudget = true, approvedBudgetFen }: { fileBudget?: boolean; approvedBudgetFen?: number } = {},
) => {
  const ready = await readyProject(overrides, dept);
  const { project, staff } = ready;
  await submit(project.id, await staff());
  expect((await decide(project.id, 1, 'tech-review', 'approve', await bureau('data-bureau'))).status).toBe(200);
  const total = Number(overrides.totalInvestmentFen ?? project.totalInvestmentFen);
  if (total >= 60_000_000) {
    const finance = await decide(project.id, 1, 'finance-review', 'approve', await bureau('finance'), {
      approvedBudgetFen: approvedBudgetFen ?? total,
    });
    expect(finance.status, JSON.stringify(finance.body)).toBe(200);
  }
  if (overrides.keyProject === true) {
    expect((await decide(project.id, 1, 'project-approval', 'approve', await bureau('approval-bureau'))).status).toBe(
      200,
    );
  }
  await waitForStage(project.id, await staff(), 'approved');
  if (total >= 60_000_000 && fileBudget) {
    // ART14: the owner files the budget approval with the Data Bureau at once.
    const approval = await doc(project.id, await staff(), 'budget-approval');
    await post(`/v1/projects/${project.id}/budget-filing`, await staff(), { budgetApprovalDocumentId: approval }, 200);
  }
  return ready;
};

/** Uploads a verified document of `kind` and answers its id. */
export const doc = async (projectId: string, token: string, kind: string) => {
  const uploaded = await upload(projectId, token, kind);
  expect(uploaded.status, kind).toBe('verified');
  return uploaded.documentId;
};

export const post = async <T = Record<string, unknown>>(
  path: string,
  token: string,
  body: unknown,
  expected: number,
) => {
  const response = await call<T>('POST', path, { token, body });
  expect(response.status, `${path}: ${JSON.stringify(response.body)}`).toBe(expected);
  return response.body;
};

export const put = async <T = Record<string, unknown>>(
  path: string,
  token: string,
  body: unknown,
  expected: number,
) => {
  const response = await call<T>('PUT', path, { token, body });
  expect(response.status, `${path}: ${JSON.stringify(response.body)}`).toBe(expected);
  return response.body;
};

export type Problem = { code: string; violations?: { code: string; path?: string; article?: number }[] };
export const violationsOf = (problem: unknown) => ((problem as Problem).violations ?? []).map((v) => [v.code, v.path]);

/** A project in procurement: the plan filed and a notice published. */
export const planned = async (projectId: string, token: string, budgetFen: number, requiredQualifications = []) => {
  const planDocumentId = await doc(projectId, token, 'procurement-plan');
  await post(
    `/v1/projects/${projectId}/procurement-plan`,
    token,
    { planDocumentId, budgetFen, method: 'public-tender', requiredQualifications },
    201,
  );
  const noticeDocumentId = await doc(projectId, token, 'procurement-notice');
  await post(
    `/v1/projects/${projectId}/procurement-notices`,
    token,
    { noticeDocumentId, publishedOn: daysFromToday(-15) },
    201,
  );
};

/** A contract body with its documents uploaded; a construction contract carries the ART25 agreements unless told not to. */
export const contractBody = async (
  projectId: string,
  token: string,
  kind: 'construction' | 'supervision',
  amountFen: number,
  options: { confidentiality?: boolean; qualifications?: { kind: string; name: string; certificateNo: string }[] } = {},
) => {
  const qualifications =
    options.qualifications ??
    (kind === 'construction'
      ? [{ kind: 'it-construction', name: QUALIFICATION, certificateNo: 'CS-2026-001' }]
      : [{ kind: 'it-supervision', name: '信息系统工程监理甲级', certificateNo: 'JL-2026-001' }]);
  const confidential = kind === 'construction' && options.confidentiality !== false;
  return {
    kind,
    vendor: {
      name: kind === 'construction' ? '陵川数智科技有限公司' : '晋城信息监理有限公司',
      creditCode: CREDIT_CODES[0],
      qualifications,
    },
    amountFen,
    signedOn: daysFromToday(-10),
    contractDocumentId: await doc(projectId, token, 'contract'),
    qualificationReviewDocumentId: await doc(projectId, token, 'qualification-review'),
    wholeTransfer: false,
    subcontractors: [],
    ...(confidential
      ? {
          confidentialityAgreementDocumentId: await doc(projectId, token, 'confidentiality-agreement'),
          staffConfidentialityDocumentId: await doc(projectId, token, 'staff-confidentiality'),
        }
      : {}),
  };
};

/**
 * A baseline from today (its first milestone falls due in ten days, completion in about seven months),
 * within the smallest total the scenarios declare (58,000,000 fen): ART20 refuses one planning more.
 */
export const BASELINE = {
  plannedCompletionOn: daysFromToday(207),
  milestones: [
    { name: '需求分析', dueOn: daysFromToday(10), plannedSpentFen: 10_000_000 },
    { name: '系统开发', dueOn: daysFromToday(116), plannedSpentFen: 40_000_000 },
    { name: '上线试运行', dueOn: daysFromToday(192), plannedSpentFen: 55_000_000 },
  ],
};

export const IMPLEMENTATION = {
  implementingBody: '县政务服务中心信息科',
  responsiblePerson: { name: '王五', title: '科长', phone: '0356-1234567' },
};

/** A project under construction: approved, procured, its implementation named, built from BASELINE. */
export const underConstruction = async (overrides: Record<string, unknown> = {}, dept?: string) => {
  const ready = await approvedProject({ totalInvestmentFen: 100_000_000, ...overrides }, dept);
  const { project, staff } = ready;
  const token = await staff();
  await planned(project.id, token, 95_000_000);
  await post(
    `/v1/projects/${project.id}/contracts`,
    token,
    await contractBody(project.id, token, 'construction', 60_000_000),
    201,
  );
  await post(
    `/v1/projects/${project.id}/contracts`,
    token,
    await contractBody(project.id, token, 'supervision', 3_000_000),
    201,
  );
  await put(`/v1/projects/${project.id}/implementation`, token, IMPLEMENTATION, 200);
  await post(`/v1/projects/${project.id}/construction-start`, token, { baseline: BASELINE }, 200);
  return ready;
};

export const sweepAsOf = async (asOf: string) => {
  const response = await call('POST', '/v1/sweeps', {
    token: await tokenFor({ roles: ['data-bureau'], sub: 'lifecycle-sweeper' }),
    body: { asOf },
  });
  expect(response.status).toBe(200);
};

export const findingsOf = async (projectId: string) =>
  (
    await call<{ items: { code: string; key: string; status: string }[] }>(
      'GET',
      `/v1/findings?projectId=${projectId}&limit=200`,
      { token: await tokenFor({ roles: ['data-bureau'], sub: 'lifecycle-sweeper' }) },
    )
  ).body.items;

export const dutiesOf = async (projectId: string, token: string) =>
  (
    await call<{ items: { code: string; key: string; status: string; dueDate: string }[] }>(
      'GET',
      `/v1/projects/${projectId}/obligations?limit=200`,
      { token },
    )
  ).body.items;

export const projectOf = async (projectId: string, token: string) =>
  (await call<Project>('GET', `/v1/projects/${projectId}`, { token })).body;
