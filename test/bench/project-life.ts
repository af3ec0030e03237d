import { call, tokenFor } from '../integration/support/client.ts';
import {
  BASELINE,
  contractBody,
  doc,
  dutiesOf,
  IMPLEMENTATION,
  planned,
  post,
  put,
  sweepAsOf,
  today,
} from '../integration/support/lifecycle.ts';
import {
  bureau,
  createProject,
  decide,
  eventually,
  openTask,
  type Project,
  people,
  registerDepartment,
  submit,
  uniqueDept,
  upload,
  waitForStage,
} from '../integration/support/scenario.ts';

const TECH_ACCEPTANCE = Object.fromEntries(
  [
    'selfControllable',
    'cryptoApplication',
    'securityReview',
    'softwareTest',
    'resourceSharingCatalogue',
    'dataLanding',
  ].map((item) => [item, { ok: true }]),
);

const ASSETS = [
  { name: '应用服务器', kind: 'fixed', valueFen: 3_000_000, registrationNo: 'LC-GZ-2026-0101' },
  { name: '指挥平台软件著作权', kind: 'intangible', valueFen: 5_000_000, registrationNo: 'LC-WX-2026-0102' },
];

/**
 * One project's whole life through the HTTP API, as the integration tests drive it
 * (projects, procurement-construction and acceptance-operations): a key project of 1,000,000 CNY
 * with a co-building department, declared, edited, confirmed, signed off and submitted; reviewed
 * by the Data Bureau, the Finance Bureau and the Approval Bureau; its budget filed; procured,
 * contracted and built to a baseline, a milestone reported and one waived, a change filed; its
 * security and assets on record; completed, accepted technically and by the DRC, its acceptance
 * filed and self-evaluated, a year of operations reported; decommissioned and its assets disposed
 * of; an accountability record. The happy path only: every request succeeds. One nightly sweep runs
 * in the middle, as it would while the project lives. Answers the project's id.
 */
export const projectLife = async (): Promise<{ projectId: string; dept: string; partner: string }> => {
  const dept = uniqueDept('life');
  const partner = uniqueDept('partner');
  await registerDepartment(dept);
  await registerDepartment(partner);
  const { staff, head } = people(dept);
  const token = await staff();
  const headToken = await head();

  let project: Project = await createProject(token, {
    totalInvestmentFen: 100_000_000,
    keyProject: true,
    coBuilderDeptIds: [partner],
  });
  const path = (tail = '') => `/v1/projects/${project.id}${tail}`;
  const edited = await call<Project>('PATCH', path(), {
    token,
    headers: { 'if-match': String(project.version) },
    body: { name: '县社会治理综合指挥平台（一期）' },
  });
  if (edited.status !== 200) throw new Error(`PATCH: ${edited.status} ${JSON.stringify(edited.body)}`);
  for (const kind of ['collective-decision', 'construction-plan', 'expert-opinion']) await doc(project.id, token, kind);
  await post(path('/confirmations'), await people(partner).head(), undefined, 201);
  const review = await upload(project.id, headToken, 'internal-compliance-review');
  await post(path('/sign-off'), headToken, { internalReviewDocumentId: review.documentId }, 200);

  await submit(project.id, token);
  const expectOk = (what: string, response: { status: number; body: unknown }) => {
    if (response.status !== 200) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
  };
  expectOk('tech review', await decide(project.id, 1, 'tech-review', 'approve', await bureau('data-bureau')));
  expectOk(
    'finance review',
    await decide(project.id, 1, 'finance-review', 'approve', await bureau('finance'), {
      approvedBudgetFen: 100_000_000,
    }),
  );
  expectOk(
    'project approval',
    await decide(project.id, 1, 'project-approval', 'approve', await bureau('approval-bureau')),
  );
  project = await waitForStage(project.id, token, 'approved');
  const approval = await doc(project.id, token, 'budget-approval');
  await post(path('/budget-filing'), token, { budgetApprovalDocumentId: approval }, 200);

  await planned(project.id, token, 95_000_000);
  await post(path('/contracts'), token, await contractBody(project.id, token, 'construction', 60_000_000), 201);
  await post(path('/contracts'), token, await contractBody(project.id, token, 'supervision', 3_000_000), 201);
  await put(path('/implementation'), token, IMPLEMENTATION, 200);
  await post(path('/construction-start'), token, { baseline: BASELINE }, 200);
  await post(
    path('/milestones'),
    token,
    {
      milestone: '需求分析',
      reportedOn: today(),
      progressPercent: 30,
      spentFen: 9_000_000,
      quality: 'meets-standard',
    },
    201,
  );
  const milestoneDuty = (await dutiesOf(project.id, token)).find(
    (d) => d.code === 'ART20-BASELINE' && d.key.startsWith('milestone-') && d.status === 'open',
  );
  if (!milestoneDuty) throw new Error('no open ART20 duty to waive');
  // Four eyes: one Data Bureau officer proposes, a second confirms.
  const waiver = path(`/obligations/${milestoneDuty.code}.${milestoneDuty.key}/waiver`);
  await post(waiver, await bureau('data-bureau'), { reason: '里程碑合并至下一节点' }, 201);
  await post(`${waiver}/confirmation`, await bureau('data-bureau', 'data-bureau-second'), {}, 200);
  await post(
    path('/changes'),
    token,
    {
      reason: 'optimization',
      goalUnchanged: true,
      description: '完善技术方案',
      descriptionDocumentId: await doc(project.id, token, 'change-description'),
      adjustedAmountFen: 6_000_000,
      newTotalInvestmentFen: 100_000_000,
    },
    201,
  );
  // The nightly sweep, as it runs on some night of the project's construction.
  await sweepAsOf('2026-12-20');

  const police = await tokenFor({ roles: ['public-security'], dept: 'public-security', sub: 'police-bench' });
  const mlps = await post<{ id: string }>(
    path('/security-records'),
    token,
    { kind: 'mlps-filing', documentId: await doc(project.id, token, 'mlps-filing'), on: '2026-11-20', level: 2 },
    201,
  );
  await post(path(`/security-records/${mlps.id}/confirmation`), police, {}, 200);
  for (const kind of ['security-assessment', 'crypto-assessment']) {
    await post(
      path('/security-records'),
      token,
      { kind, documentId: await doc(project.id, token, kind), on: '2026-11-21' },
      201,
    );
  }
  await post(
    `/v1/departments/${dept}/security-drills`,
    headToken,
    { on: '2026-11-22', scenario: '系统宕机应急演练', participants: 12 },
    201,
  );
  await put(path('/assets'), token, { items: ASSETS }, 200);
  await post(path('/completion'), token, { completedOn: today() }, 200);

  await post(
    path('/preliminary-acceptance'),
    token,
    {
      reportDocumentId: await doc(project.id, token, 'preliminary-acceptance-report'),
      passedOn: today(),
      evidence: {
        softwareTestReportDocumentId: await doc(project.id, token, 'software-test-report'),
        resourceSharingCatalogueDocumentId: await doc(project.id, token, 'resource-sharing-catalogue'),
        dataLandingDocumentId: await doc(project.id, token, 'data-landing-report'),
      },
    },
    202,
  );
  const acceptance = (kind: string, reviewer: string) =>
    decide(project.id, 1, kind, 'approve', reviewer, {
      checklist: kind === 'tech-acceptance' ? TECH_ACCEPTANCE : {},
    });
  expectOk('tech acceptance', await acceptance('tech-acceptance', await bureau('data-bureau')));
  await openTask(project.id, 1, 'completion-acceptance', await bureau('drc'));
  expectOk('completion acceptance', await acceptance('completion-acceptance', await bureau('drc')));
  await waitForStage(project.id, token, 'operations');
  const report = await doc(project.id, token, 'acceptance-report');
  await post(path('/acceptance-filing'), token, { acceptanceReportDocumentId: report }, 200);
  await post(
    path('/self-evaluation'),
    token,
    {
      documentId: await doc(project.id, token, 'self-evaluation'),
      ratings: {
        costBenefit: 4,
        dataSharing: 5,
        applicationEffect: 4,
        businessCollaboration: 3,
        securityConfidentiality: 5,
        innovativeService: 4,
        economicSocialBenefit: 4,
      },
    },
    201,
  );
  await post(
    path('/operations-reports'),
    token,
    {
      year: 2027,
      onGovCloud: true,
      dataSharedAsDeclared: true,
      collaboratingAsDeclared: true,
      evidenceDocumentId: await doc(project.id, token, 'operations-evidence'),
    },
    201,
  );

  const opinion = await doc(project.id, token, 'decommission-expert-opinion');
  const decision = await doc(project.id, token, 'decommission-decision');
  await post(
    path('/decommission'),
    headToken,
    { reason: '系统整合至市级平台', expertOpinionDocumentId: opinion, collectiveDecisionDocumentId: decision },
    200,
  );
  await post(
    path('/disposal-report'),
    token,
    {
      documentId: await doc(project.id, token, 'disposal-report'),
      assets: [
        { registrationNo: 'LC-GZ-2026-0101', disposal: 'transfer', disposedOn: today() },
        { registrationNo: 'LC-WX-2026-0102', disposal: 'reuse', disposedOn: today() },
      ],
    },
    201,
  );
  const audit = await tokenFor({ roles: ['audit'], sub: 'auditor-bench' });
  await post(
    path('/accountability-records'),
    audit,
    {
      kind: 'improper-om-funding',
      finding: '2028年度运维经费违规拨付',
      documentId: await doc(project.id, audit, 'accountability-evidence'),
    },
    201,
  );
  // Let the last workflow steps and document verifications finish before anything is counted up.
  await eventually(async () => ((await call('GET', path(), { token })).status === 200 ? true : undefined));
  return { projectId: project.id, dept, partner };
};
