import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OBLIGATIONS } from '#shared/domain/obligation.ts';
import { call, runtime } from '../integration/support/client.ts';
import { approvedProject, CREDIT_CODES, doc, QUALIFICATION } from '../integration/support/lifecycle.ts';
import { allOk, bureau, decide, eventually, people, waitForStage } from '../integration/support/scenario.ts';
import { axeViolations, launchBrowser, screenshot, visibleText } from './support/browser.ts';
import { byText, clickText, fill, shownText, signIn, uploadDocument, waitForText } from './support/console-page.ts';
import { tempDir, writePdf } from './support/files.ts';

/**
 * A project's whole life after approval, through the console's phase forms in a real browser:
 * procurement, contracts, construction from a baseline, milestones, security records (confirmed
 * by the Public Security Bureau), assets, completion, acceptance (the DRC's from its queue), the
 * filing, the self-evaluation, the O&M report, decommissioning and the disposal report. The
 * forms are drawn from the API's own schemas; each step asserts what a person sees, refusals
 * included. Documents are uploaded through the API (the browser upload is the other file's
 * proof) and picked in the forms by their file names.
 */
const dept = 'shuiwu';
const staff = { roles: ['dept-staff'], dept, name: '周经办' };
const head = { roles: ['dept-head'], dept, name: '吴局长' };
const police = { roles: ['public-security'], dept: 'public-security', name: '吴警官' };
const drc = { roles: ['drc'], dept: 'drc', name: '周科长' };

let browser: Browser;
let page: Page;
let base: string;
let projectId = '';
let projectUrl = '';
let projectCode = '';
const files = tempDir('phases');
/** A date `offset` days from today in Lingchuan (Asia/Shanghai), as the forms take it: the run may cross midnight there. */
const day = (offset: number) => new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
const token = () => people(dept).staff();

/** Uploads a verified document of `kind` as the department and answers its id. */
const upload = (kind: string) => token().then((t) => doc(projectId, t, kind));

/** Opens a phase form by its title, from the keyboard. */
const openForm = async (title: string) => {
  const summary = await page.locator(byText('details.phase > summary', title)).waitHandle();
  const open = await summary.evaluate((el) => (el.parentElement as HTMLDetailsElement).open);
  if (!open) {
    await summary.focus();
    await page.keyboard.press('Enter');
  }
};

/** Chooses an option once it is there (a document's option arrives when the page has loaded the list). */
const select = async (id: string, value: string) => {
  // By the option's value as the browser reads it (an option whose value is its text carries no attribute).
  await page.waitForFunction(
    (selectId: string, wanted: string) =>
      [...((document.getElementById(selectId) as HTMLSelectElement | null)?.options ?? [])].some(
        (option) => option.value === wanted,
      ),
    {},
    id,
    value,
  );
  await page.select(`[id="${id}"]`, value);
};
const submitForm = async (routeId: string) => {
  const button = await page.locator(`#phase-${routeId} button[type="submit"]`).waitHandle();
  await button.focus();
  await page.keyboard.press('Enter');
};
/**
 * Submits a phase form and waits for the page to say it was done; when the form shows a refusal
 * or a field error instead, fails with what the form says (so a failure reads why).
 */
const submitAndWait = async (routeId: string, title: string) => {
  await submitForm(routeId);
  const outcome = await page.waitForFunction(
    (id: string, done: string) => {
      // biome-ignore lint/performance/useDomNodeTextContent: what is rendered (innerText) is what a person sees.
      if (document.body.innerText.includes(`已办理：${done}`)) return 'done';
      const form = document.querySelector(`#phase-${id}`);
      const refused = form?.querySelector('.problem, .error:not(:empty)');
      // biome-ignore lint/performance/useDomNodeTextContent: as above.
      return refused ? (form as HTMLElement).innerText : false;
    },
    { timeout: 30_000, polling: 100 },
    routeId,
    title,
  );
  const said = await outcome.jsonValue();
  expect(said, `${title}: the form says «${said}»`).toBe('done');
};

/** The refusal the form shows under itself (a 422 lists every article still unmet). */
const refusalOf = async (routeId: string) => {
  await page.waitForSelector(`#phase-${routeId} .problem`);
  return shownText(page, `#phase-${routeId} .problem`);
};
const stageBadge = async () => {
  await page.waitForSelector('.heading .badge');
  return page.$eval('.heading .badge', (el) => el.textContent);
};

beforeAll(async () => {
  base = runtime().url;
  // A key project (ART13): the DRC's completion acceptance follows the technical one (ART27).
  const { project } = await approvedProject(
    { totalInvestmentFen: 58_000_000, name: '县智慧水务监测平台', keyProject: true },
    dept,
  );
  projectId = project.id;
  projectUrl = `${base}/projects/${project.id}`;
  projectCode = project.code;
  browser = await launchBrowser();
  page = await browser.newPage();
  page.on('pageerror', (error) => console.error('[page error]', error));
  page.on('console', (message) => {
    if (message.type() === 'error') console.error('[console]', message.text());
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

describe('the whole life after approval, through the console in a real browser', { timeout: 180_000 }, () => {
  it('files the procurement plan: the schema names empty fields, the API refuses a budget over the approval (第十七条)', async () => {
    const plan = await upload('procurement-plan');
    await signIn(page, base, staff);
    await page.goto(projectUrl);
    await waitForText(page, '建设与运行办理');
    expect(await stageBadge()).toBe('已批复');
    // No finance review (under 600,000 yuan), so no ART14 filing is owed and its form is not offered.
    await page.waitForSelector('section[aria-labelledby="phase-work-title"]:not([aria-busy="true"])');
    expect(await page.$$(byText('details.phase > summary', '预算批复备案'))).toHaveLength(0);
    await openForm('采购计划备案');
    expect(await visibleText(page)).toContain('采购计划备案（第十六、十七、十八条）');

    // Nothing filled: the shared schema refuses before anything is sent, field by field.
    await submitForm('fileProcurementPlan');
    await page.waitForSelector('[id="fileProcurementPlan-budgetFen-error"]');
    expect(await page.$eval('[id="fileProcurementPlan-budgetFen-error"]', (el) => el.textContent)).toBe('必填');
    expect(await page.$eval('[id="fileProcurementPlan-method-error"]', (el) => el.textContent)).toBe('请选择');

    await select('fileProcurementPlan-planDocumentId', plan);
    await fill(page, 'fileProcurementPlan-budgetFen', '600000');
    await select('fileProcurementPlan-method', 'public-tender');
    await submitForm('fileProcurementPlan');
    const refusal = await refusalOf('fileProcurementPlan');
    expect(refusal).toContain('第十七条');
    expect(refusal).toContain('ART17-WITHIN-BUDGET');
    expect(await axeViolations(page)).toEqual([]);

    await fill(page, 'fileProcurementPlan-budgetFen', '570,000');
    await submitAndWait('fileProcurementPlan', '采购计划备案');
    await page.waitForFunction(() => document.querySelector('.heading .badge')?.textContent === '招标采购');
    await waitForText(page, '采购计划（1）');
  });

  it('publishes the notice and records both contracts, the credit code checked in the browser', async () => {
    const notice = await upload('procurement-notice');
    const papers = {
      contract: await upload('contract'),
      review: await upload('qualification-review'),
      agreement: await upload('confidentiality-agreement'),
      staff: await upload('staff-confidentiality'),
      supervision: await upload('contract'),
      supervisionReview: await upload('qualification-review'),
    };
    await page.goto(projectUrl);
    await openForm('发布采购公告');
    await select('publishProcurementNotice-noticeDocumentId', notice);
    await fill(page, 'publishProcurementNotice-publishedOn', day(-8));
    await submitAndWait('publishProcurementNotice', '发布采购公告');

    await openForm('登记合同');
    const id = (path: string) => `recordContract-${path}`;
    await select(id('kind'), 'construction');
    await fill(page, id('vendor-name'), '陵川数智科技有限公司');
    await fill(page, id('vendor-creditCode'), '91350100M000100Y44'); // one check character off
    await clickText(page, '#phase-recordContract button', '添加资质');
    await select(id('vendor-qualifications-0-kind'), 'it-construction');
    await fill(page, id('vendor-qualifications-0-name'), QUALIFICATION);
    await fill(page, id('vendor-qualifications-0-certificateNo'), 'CS-2026-001');
    await fill(page, id('amountFen'), '500000');
    await fill(page, id('signedOn'), day(-3));
    await select(id('contractDocumentId'), papers.contract);
    await select(id('qualificationReviewDocumentId'), papers.review);
    await select(id('confidentialityAgreementDocumentId'), papers.agreement);
    await select(id('staffConfidentialityDocumentId'), papers.staff);
    await submitForm('recordContract');
    await page.waitForSelector(`[id="${id('vendor-creditCode')}-error"]`);
    expect(await page.$eval(`[id="${id('vendor-creditCode')}-error"]`, (el) => el.textContent)).toBe('不符合要求');
    await fill(page, id('vendor-creditCode'), CREDIT_CODES[0] as string);
    await submitAndWait('recordContract', '登记合同');
    await waitForText(page, '合同（1）');

    // The form folded away when done; opened again it starts afresh, for the supervision contract (ART23).
    await openForm('登记合同');
    expect(await page.$eval(`[id="${id('vendor-name')}"]`, (el) => (el as HTMLInputElement).value)).toBe('');
    await select(id('kind'), 'supervision');
    await fill(page, id('vendor-name'), '晋城信息监理有限公司');
    await fill(page, id('vendor-creditCode'), CREDIT_CODES[1] as string);
    await clickText(page, '#phase-recordContract button', '添加资质');
    await select(id('vendor-qualifications-0-kind'), 'it-supervision');
    await fill(page, id('vendor-qualifications-0-name'), '信息系统工程监理甲级');
    await fill(page, id('vendor-qualifications-0-certificateNo'), 'JL-2026-001');
    await fill(page, id('amountFen'), '20000');
    await fill(page, id('signedOn'), day(-3));
    await select(id('contractDocumentId'), papers.supervision);
    await select(id('qualificationReviewDocumentId'), papers.supervisionReview);
    await submitForm('recordContract');
    await waitForText(page, '合同（2）');
    const records = await shownText(page, 'section[aria-labelledby="records-title"]');
    expect(records).toContain('陵川数智科技有限公司');
    expect(records).toContain('500,000.00 元');
    expect(records).toContain('公开招标');
  });

  it('names the responsible person and starts construction from a baseline of milestones', async () => {
    await openForm('确定实施单位和项目负责人');
    await fill(page, 'putImplementation-implementingBody', '县水务局信息中心');
    await fill(page, 'putImplementation-responsiblePerson-name', '郑工');
    await fill(page, 'putImplementation-responsiblePerson-title', '主任');
    await fill(page, 'putImplementation-responsiblePerson-phone', '0356-7654321');
    await submitAndWait('putImplementation', '确定实施单位和项目负责人');

    await openForm('开工建设（建设基线）');
    await fill(page, 'startConstruction-baseline-plannedCompletionOn', day(207));
    for (const [i, [name, dueOn, planned]] of [
      ['需求分析', day(17), '100000'],
      ['上线试运行', day(192), '500000'],
    ].entries()) {
      // The baseline has at least one milestone: its form starts with one.
      if (i > 0) await clickText(page, '#phase-startConstruction button', '添加里程碑');
      await fill(page, `startConstruction-baseline-milestones-${i}-name`, name as string);
      await fill(page, `startConstruction-baseline-milestones-${i}-dueOn`, dueOn as string);
      await fill(page, `startConstruction-baseline-milestones-${i}-plannedSpentFen`, planned as string);
    }
    await submitAndWait('startConstruction', '开工建设（建设基线）');
    await page.waitForFunction(() => document.querySelector('.heading .badge')?.textContent === '建设实施');
    expect(await page.$eval('.timeline [aria-current="step"]', (el) => el.textContent)).toBe('建设实施');
    await waitForText(page, '建设基线（1）');
    // Each milestone is a duty the sweep watches (ART20), listed in Chinese only.
    const baseline = OBLIGATIONS['ART20-BASELINE'];
    await waitForText(page, `${baseline?.zh}：`);
    expect(await shownText(page, 'section[aria-labelledby="obligations-title"]')).not.toContain(baseline?.en);
    expect(await axeViolations(page)).toEqual([]);
    await openForm('报告里程碑');
    await screenshot(page, 'construction', '#phase-work-title');
  });

  it('reports a milestone, records security and assets, the police confirm the MLPS filing, and the head records a drill', async () => {
    const report = await upload('milestone-report');
    const mlps = await upload('mlps-filing');
    await page.goto(projectUrl);
    await openForm('报告里程碑');
    await select('reportMilestone-milestone', '需求分析');
    await fill(page, 'reportMilestone-reportedOn', day(0));
    await fill(page, 'reportMilestone-progressPercent', '20');
    await fill(page, 'reportMilestone-spentFen', '90000');
    await select('reportMilestone-quality', 'meets-standard');
    await select('reportMilestone-reportDocumentId', report);
    await submitAndWait('reportMilestone', '报告里程碑');
    await waitForText(page, '里程碑报告（1）');

    await openForm('登记等级保护、安全测评与密码评估');
    await select('recordSecurity-kind', 'mlps-filing');
    await select('recordSecurity-documentId', mlps);
    await fill(page, 'recordSecurity-on', day(-8));
    await fill(page, 'recordSecurity-level', '2');
    await submitAndWait('recordSecurity', '登记等级保护、安全测评与密码评估');
    await waitForText(page, '等级保护与安全测评（1）');
    for (const kind of ['security-assessment', 'crypto-assessment']) {
      const paper = await upload(kind);
      await page.goto(projectUrl);
      await openForm('登记等级保护、安全测评与密码评估');
      await select('recordSecurity-kind', kind);
      await select('recordSecurity-documentId', paper);
      await fill(page, 'recordSecurity-on', day(-7));
      await submitAndWait('recordSecurity', '登记等级保护、安全测评与密码评估');
    }
    await waitForText(page, '等级保护与安全测评（3）');

    await openForm('登记资产');
    for (const [i, [name, kind, value, no]] of [
      ['水质监测服务器', 'fixed', '30000', 'LC-GZ-2026-0201'],
      ['水务监测平台软件著作权', 'intangible', '50000', 'LC-WX-2026-0202'],
    ].entries()) {
      await clickText(page, '#phase-putAssets button', '添加资产');
      await fill(page, `putAssets-items-${i}-name`, name as string);
      await select(`putAssets-items-${i}-kind`, kind as string);
      await fill(page, `putAssets-items-${i}-valueFen`, value as string);
      await fill(page, `putAssets-items-${i}-registrationNo`, no as string);
    }
    await submitAndWait('putAssets', '登记资产');

    await signIn(page, base, police);
    await page.goto(projectUrl);
    await clickText(page, 'button', '确认等级保护备案');
    await page.waitForSelector(byText('button', '确认等级保护备案'), { hidden: true });
    expect(await visibleText(page)).toContain('确认人');

    await signIn(page, base, head);
    await page.goto(projectUrl);
    await openForm('登记本部门安全应急演练');
    await fill(page, 'recordSecurityDrill-on', day(-6));
    await fill(page, 'recordSecurityDrill-scenario', '水质监测系统宕机应急演练');
    await fill(page, 'recordSecurityDrill-participants', '12');
    // Every label of the form in Chinese, none an API field name.
    const drillForm = await shownText(page, '#phase-recordSecurityDrill');
    expect(drillForm).toContain('演练场景');
    expect(drillForm).not.toMatch(/scenario|participants/);
    await submitAndWait('recordSecurityDrill', '登记本部门安全应急演练');
  });

  it('completes, accepts preliminarily, and the DRC accepts from its queue after the technical acceptance', async () => {
    await signIn(page, base, staff);
    await page.goto(projectUrl);
    await openForm('建设完成');
    await fill(page, 'completeConstruction-completedOn', day(0));
    await submitAndWait('completeConstruction', '建设完成');
    await page.waitForFunction(() => document.querySelector('.heading .badge')?.textContent === '项目验收');

    // The acceptance papers are attached once the project is in acceptance (its stage takes them).
    const papers = {
      report: await upload('preliminary-acceptance-report'),
      test: await upload('software-test-report'),
      catalogue: await upload('resource-sharing-catalogue'),
      landing: await upload('data-landing-report'),
    };
    await page.goto(projectUrl);

    await openForm('初步验收，申请技术验收');
    // Before the round starts, the department sees that what the technical acceptance checks is on record.
    await waitForText(page, '技术验收时将核查（第二十一条、第二十四条）：所需记录均已在案。');
    await select('preliminaryAcceptance-reportDocumentId', papers.report);
    await fill(page, 'preliminaryAcceptance-passedOn', day(0));
    await select('preliminaryAcceptance-evidence-softwareTestReportDocumentId', papers.test);
    await select('preliminaryAcceptance-evidence-resourceSharingCatalogueDocumentId', papers.catalogue);
    await select('preliminaryAcceptance-evidence-dataLandingDocumentId', papers.landing);
    await submitAndWait('preliminaryAcceptance', '初步验收，申请技术验收');
    await waitForText(page, '初步验收（1）');

    const technical = await decide(projectId, 1, 'tech-acceptance', 'approve', await bureau('data-bureau'), {
      checklist: allOk('tech-acceptance'),
    });
    expect(technical.status, JSON.stringify(technical.body)).toBe(200);

    await signIn(page, base, drc);
    await clickText(page, 'a', '待办审查');
    await waitForText(page, projectCode, 30_000).catch(async () => {
      await page.reload();
      await waitForText(page, projectCode);
    });
    await clickText(page, 'a', `办理${projectCode}`);
    await page.waitForSelector('form[aria-label="审查决定"]');
    expect(await visibleText(page)).toContain('竣工验收');
    const opinion = await uploadDocument(
      page,
      'opinion',
      'completion-acceptance-report',
      writePdf(files, '竣工验收报告.pdf'),
    );
    expect(opinion).toBe('竣工验收报告.pdf：已核验');
    await page.waitForSelector('#opinionDocumentId option:not([value=""])');
    await fill(page, 'opinion', '项目按批复内容建成，同意通过竣工验收。');
    await clickText(page, 'button', '提交决定');
    await waitForText(page, '作出决定：同意');
  });

  it('files the acceptance report, evaluates itself, reports O&M, then the head decommissions and the disposal is reported', async () => {
    await waitForStage(projectId, await token(), 'operations');
    const papers = {
      acceptance: await upload('acceptance-report'),
      evaluation: await upload('self-evaluation'),
      evidence: await upload('operations-evidence'),
      opinion: await upload('decommission-expert-opinion'),
      decision: await upload('decommission-decision'),
    };
    await signIn(page, base, staff);
    await page.goto(projectUrl);
    expect(await stageBadge()).toBe('运行维护');
    await openForm('验收报告备案');
    await select('fileAcceptance-acceptanceReportDocumentId', papers.acceptance);
    await submitAndWait('fileAcceptance', '验收报告备案');
    // The Data Bureau confirms the filing (ART29, ART04 指导监督) before the next filing is taken.
    const confirmed = await decide(projectId, 1, 'filing-confirmation', 'approve', await bureau('data-bureau'));
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    await eventually(async () =>
      (await call<{ filedOn: string | null }>('GET', `/v1/projects/${projectId}`, { token: await token() })).body
        .filedOn
        ? true
        : undefined,
    );

    await openForm('绩效自评');
    await select('selfEvaluate-documentId', papers.evaluation);
    for (const aspect of [
      'costBenefit',
      'dataSharing',
      'applicationEffect',
      'businessCollaboration',
      'securityConfidentiality',
      'innovativeService',
      'economicSocialBenefit',
    ])
      await fill(page, `selfEvaluate-ratings-${aspect}`, '4');
    await submitAndWait('selfEvaluate', '绩效自评');
    await waitForText(page, '绩效自评（1）');

    await openForm('报送年度运维情况');
    await fill(page, 'reportOperations-year', String(Number(day(0).slice(0, 4)) + 1));
    for (const box of ['onGovCloud', 'dataSharedAsDeclared', 'collaboratingAsDeclared'])
      await page.click(`[id="reportOperations-${box}"]`);
    await select('reportOperations-evidenceDocumentId', papers.evidence);
    await submitAndWait('reportOperations', '报送年度运维情况');
    await waitForText(page, '年度运维情况（1）');

    // Decommissioning is the head's (ART32); staff do not see its form.
    expect(await visibleText(page)).not.toContain('停用报废（第三十二条）');
    await signIn(page, base, head);
    await page.goto(projectUrl);
    await openForm('停用报废');
    await fill(page, 'decommission-reason', '系统功能已并入市级智慧水务平台，县级平台停止运行。');
    await select('decommission-expertOpinionDocumentId', papers.opinion);
    await select('decommission-collectiveDecisionDocumentId', papers.decision);
    await submitAndWait('decommission', '停用报废');
    await page.waitForFunction(() => document.querySelector('.heading .badge')?.textContent === '停用报废');

    // The disposal report is attached once the project is decommissioned (its stage takes it).
    const disposal = await upload('disposal-report');
    await page.goto(projectUrl);

    await openForm('报送资产处置情况');
    await select('reportDisposal-documentId', disposal);
    for (const [i, [no, disposal]] of [
      ['LC-GZ-2026-0201', 'transfer'],
      ['LC-WX-2026-0202', 'scrap'],
    ].entries()) {
      await clickText(page, '#phase-reportDisposal button', '添加资产处置');
      await fill(page, `reportDisposal-assets-${i}-registrationNo`, no as string);
      await select(`reportDisposal-assets-${i}-disposal`, disposal as string);
      await fill(page, `reportDisposal-assets-${i}-disposedOn`, day(0));
    }
    await submitAndWait('reportDisposal', '报送资产处置情况');
    await waitForText(page, '资产处置（1）');
    expect(await page.$eval('.timeline [aria-current="step"]', (el) => el.textContent)).toBe('停用报废');
    const records = await shownText(page, 'section[aria-labelledby="records-title"]');
    for (const seen of ['调拨', '报废', '年度运维情况', '绩效自评', '初步验收', '建设基线'])
      expect(records).toContain(seen);
    // Who filed each record, by name, not by the token's subject.
    expect(records).toContain(`登记人\n${staff.name}`);
    expect(records).not.toContain(`${dept}-dept-staff`);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'records', '#records-title');
  });

  it('offers the budget filing only while a project owes it after the finance review (第十四条), and files it', async () => {
    await signIn(page, base, staff);
    const reviewed = await approvedProject({ totalInvestmentFen: 80_000_000, name: '县水资源调度数据平台' }, dept, {
      fileBudget: false,
    });
    const approval = await doc(reviewed.project.id, await token(), 'budget-approval');
    await page.goto(`${base}/projects/${reviewed.project.id}`);
    await openForm('预算批复备案');
    await select('fileBudget-budgetApprovalDocumentId', approval);
    await submitAndWait('fileBudget', '预算批复备案');
    // Filed, the duty is fulfilled and its form leaves the page.
    await page.waitForFunction(
      () =>
        ![...document.querySelectorAll('details.phase > summary')].some((el) =>
          el.textContent?.includes('预算批复备案'),
        ),
      { timeout: 20_000 },
    );
    const trail = await call<{ items: { action: string }[] }>(
      'GET',
      `/v1/projects/${reviewed.project.id}/events?limit=200`,
      { token: await token() },
    );
    expect(trail.body.items.map((e) => e.action)).toContain('budget.filed');
  });
});
