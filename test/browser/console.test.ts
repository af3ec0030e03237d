import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, runtime, tokenFor } from '../integration/support/client.ts';
import { axeViolations, launchBrowser, screenshot, visibleText } from './support/browser.ts';
import { clickText, fill, signIn, uploadDocument, waitForText } from './support/console-page.ts';
import { tempDir, waitForDownload, writeFakePdf, writePdf, zipEntry } from './support/files.ts';

/**
 * The console in a real browser (Chromium from @sparticuz/chromium) against the real local
 * runtime: a department declares and uploads through presigned URLs, is refused with the articles
 * it misses, its head signs, it submits; the Data Bureau approves from its queue; the dashboard
 * counts the project and the exports carry it. Each step asserts what a person sees.
 *
 * The project is declared for a year no other test uses, so the dashboard's counts are this
 * test's alone while the other integration files run beside it.
 */
const YEAR = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4)) + 7;
const NAME = '县智慧教育数据共享平台';

let browser: Browser;
let page: Page;
let base: string;
const files = tempDir('console');
const downloads = tempDir('downloads');
// Each run has a fresh runtime, so a fixed department is this test's alone (and reads well in the screenshots).
const dept = 'jiaoyu';
const DEPT_NAME = '县教育局';
const staff = { roles: ['dept-staff'], dept, name: '张经办' };
const head = { roles: ['dept-head'], dept, name: '李局长' };
const reviewer = { roles: ['data-bureau'], dept: 'data-bureau', name: '王审查' };
const watcher = { roles: ['finance'], dept: 'finance', name: '钱科长' };
let projectUrl = '';
let projectCode = '';

const expectAccessible = async (where: string) => {
  expect(await axeViolations(page), `axe on ${where}`).toEqual([]);
};

beforeAll(async () => {
  base = runtime().url;
  // The administrator registers the department with its data-management unit (ART09) beforehand.
  const admin = await tokenFor({ roles: ['admin'], sub: 'console-admin' });
  const registered = await call('PUT', `/v1/departments/${dept}`, {
    token: admin,
    body: { name: DEPT_NAME, dataManagementUnit: { name: '信息股', contact: '0356-0000000' } },
  });
  expect(registered.status).toBe(200);
  // A possible co-builder, so the declaration form offers the ART11 choice however the suite runs.
  const other = await call('PUT', '/v1/departments/renshe', {
    token: admin,
    body: { name: '县人力资源和社会保障局', dataManagementUnit: { name: '信息中心', contact: '0356-0000001' } },
  });
  expect(other.status).toBe(200);
  browser = await launchBrowser();
  page = await browser.newPage();
  page.on('pageerror', (error) => console.error('[page error]', error));
  // What the browser saw go wrong on the wire (a refused preflight, a dropped connection) goes to the report.
  page.on('requestfailed', (request) =>
    console.error('[request failed]', request.method(), request.url(), request.failure()?.errorText),
  );
  page.on('console', (message) => {
    if (message.type() === 'error') console.error('[console]', message.text());
  });
  const cdp = await page.createCDPSession();
  await cdp.send('Page.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('the web console, in a real browser', { timeout: 120_000 }, () => {
  it('signs a department in through the local identity provider, whose login page passes axe', async () => {
    await page.goto(`${base}/`);
    await clickText(page, 'button', '统一身份认证登录');
    await waitForText(page, '常用身份');
    await expectAccessible('sign-in');
    await signIn(page, base, staff);
    expect(await visibleText(page)).toContain('申报新项目');
    // The header names the department as registered, not by its id.
    await waitForText(page, `${staff.name} · ${DEPT_NAME}`);
  });

  it('checks the declaration in the browser with the API schema, then registers the draft', async () => {
    await clickText(page, 'a', '申报新项目');
    await page.waitForSelector('form[aria-label="项目申报"]');
    // Nothing typed: the shared schema refuses before anything is sent.
    await clickText(page, 'button', '登记项目');
    await page.waitForSelector('[id="name-error"]');
    expect(await page.$eval('[id="name-error"]', (el) => el.textContent)).toBe('必填');
    expect(await page.$eval('[id="totalInvestmentFen-error"]', (el) => el.textContent)).toContain('请输入金额');

    // Keyboard only: the name field, then Tab through the form in order to the submit button
    // (once the department list has come, so the co-builder choice is part of the form).
    await page.waitForSelector('details.co-builders > summary');
    await page.focus('[id="name"]');
    await page.keyboard.type(NAME);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('year');
    const order: string[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => ({
        id: document.activeElement?.id ?? '',
        text: document.activeElement?.textContent ?? '',
        labelled: (document.activeElement as HTMLInputElement | null)?.labels?.length ?? 0,
        tag: document.activeElement?.tagName ?? '',
      }));
      if (focused.tag === 'BUTTON') {
        order.push(`button:${focused.text}`);
        break;
      }
      // The co-builder list is folded: one stop for however many departments the county has.
      if (focused.tag === 'SUMMARY') {
        order.push(`summary:${focused.text}`);
        continue;
      }
      expect(focused.labelled, `${focused.id} has a label`).toBeGreaterThan(0);
      order.push(focused.id);
    }
    expect(order).toContain('totalInvestmentFen');
    expect(order).toContain('interop.interconnection');
    expect(order).toContain('summary:共建部门（第十一条，须各部门主要负责人确认）：无');
    expect(order.at(-1)).toBe('button:登记项目');

    await fill(page, 'year', String(YEAR));
    await fill(page, 'totalInvestmentFen', '580000');
    await fill(page, 'interop.interconnection', '接入县电子政务外网，与教育部门业务系统互联');
    await fill(page, 'interop.dataSharing', '向县数据共享交换平台提供学籍、学校基础数据目录');
    await fill(page, 'interop.businessCollaboration', '与县指挥中心联动处置校园安全事件');
    await expectAccessible('declaration form');
    await screenshot(page, 'declaration');
    await clickText(page, 'button', '登记项目');
    await page.waitForSelector('.timeline');
    projectUrl = page.url();
    projectCode = await page.$eval('h1 .code', (el) => el.textContent ?? '');
    expect(projectCode).toMatch(new RegExp(`^LC-${YEAR}-\\d{4}$`));
    expect(await page.$eval('.timeline [aria-current="step"]', (el) => el.textContent)).toBe('草稿');
  });

  it('submits too early and lists every unmet article in Chinese, as 第N条', async () => {
    await clickText(page, 'button', '提交申报');
    await page.waitForSelector('.problem .violations');
    const items = await page.$$eval('.problem .violation', (lis) => lis.map((li) => li.textContent ?? ''));
    // Every unmet article at once: the head's sign-off (ART10) and the three documents (ART12).
    expect(items.some((text) => text.startsWith('第十条') && text.includes('主要负责人'))).toBe(true);
    expect(items.some((text) => text.startsWith('第十二条') && text.includes('专家论证意见'))).toBe(true);
    // Where each lack is, in Chinese too: the papers by their names, not their API kinds.
    expect(items.join('')).toContain('申报材料 · 建设方案');
    expect(items.join('')).not.toMatch(/collective-decision|construction-plan|expert-opinion/);
    await expectAccessible('project page with a refusal');
    await screenshot(page, 'refusal');
  });

  it('uploads through the presigned URL from the browser and shows each verdict', async () => {
    for (const [kind, file] of [
      ['collective-decision', '三重一大集体决策纪要.pdf'],
      ['construction-plan', '建设方案.pdf'],
      ['expert-opinion', '专家论证意见.pdf'],
    ] as const) {
      expect(await uploadDocument(page, 'upload', kind, writePdf(files, file))).toBe(`${file}：已核验`);
    }
    // The refusal listed papers that are now on file: it no longer stands as the answer.
    await page.waitForFunction(() => !document.querySelector('section[aria-labelledby="actions-title"] .problem'), {
      timeout: 20_000,
    });
    // An empty file is refused before anything is sent, in words a person reads.
    const empty = path.join(files, '空白.pdf');
    writeFileSync(empty, '');
    await page.select('[id="upload-kind"]', 'expert-opinion');
    const input = await page.waitForSelector('[id="upload-file"]');
    await (input as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(empty);
    await clickText(page, 'form[aria-label="上传材料"] button', '上传');
    await waitForText(page, '文件为空，请选择有内容的文件');
    // Bytes that are not what the name says: the server's check on arrival rejects it, with the reason.
    const verdict = await uploadDocument(page, 'upload', 'expert-opinion', writeFakePdf(files, '伪造的意见.pdf'));
    expect(verdict).toBe(
      '伪造的意见.pdf：未通过核验（文件内容为无法识别的格式，与申报的文件类型（application/pdf）不符）',
    );
    await page.reload();
    await page.waitForSelector('tr[data-document-kind="construction-plan"]');
    const rows = await page.$$eval('tr[data-document-kind]', (trs) => trs.map((tr) => tr.textContent ?? ''));
    expect(rows.filter((r) => r.includes('已核验'))).toHaveLength(3);
    expect(rows.filter((r) => r.includes('未通过核验'))).toHaveLength(1);
  });

  it('lets the department head upload the internal review, sign and submit', async () => {
    await signIn(page, base, head);
    await page.goto(projectUrl);
    await page.waitForSelector('form[aria-label="主要负责人签署"]');
    const verdict = await uploadDocument(
      page,
      'upload',
      'internal-compliance-review',
      writePdf(files, '内部合规性审核意见.pdf'),
    );
    expect(verdict).toBe('内部合规性审核意见.pdf：已核验');
    await page.reload();
    // The head signs once the page lists the verified review to sign on (the button waits for it too).
    await page.waitForSelector('#sign-off-review option:not([value=""])');
    // The head sees which review the signature rests on.
    expect(
      await page.$eval('#sign-off-review', (el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent),
    ).toContain('内部合规性审核意见.pdf');
    await clickText(page, 'button', '签署');
    await waitForText(page, '李局长 已于');
    await clickText(page, 'button', '提交申报');
    await waitForText(page, '已提交申报，进入技术审核');
  });

  it("shows the Data Bureau its queue with due dates, and its decision form from the task's checklist", async () => {
    await signIn(page, base, reviewer);
    await clickText(page, 'a', '待办审查');
    await waitForText(page, projectCode, 30_000).catch(async () => {
      // The workflow opens the task asynchronously; look again once it has.
      await page.reload();
      await waitForText(page, projectCode);
    });
    const row = await page.$$eval(
      'tbody tr',
      (trs, code) => trs.find((tr) => tr.textContent?.includes(code))?.textContent ?? '',
      projectCode,
    );
    expect(row).toContain('技术审核');
    expect(row).toMatch(/\d{4}-\d{2}-\d{2}/);
    await expectAccessible('review queue');
    await screenshot(page, 'review-queue');

    await clickText(page, 'a', `办理${projectCode}`);
    await page.waitForSelector('form[aria-label="审查决定"]');
    // A reloaded (or bookmarked) task opens again: its id has dots, and it is still a page, not a file.
    await page.reload();
    await page.waitForSelector('form[aria-label="审查决定"]');
    const items = await page.$$eval('.checklist-item legend', (legends) => legends.map((l) => l.textContent));
    expect(items).toContain('政务信息资源目录');
    expect(items.length).toBeGreaterThanOrEqual(5);
    const opinion = await uploadDocument(page, 'opinion', 'tech-review-opinion', writePdf(files, '技术审核意见.pdf'));
    expect(opinion).toBe('技术审核意见.pdf：已核验');
    await page.waitForSelector('#opinionDocumentId option:not([value=""])');

    // Keyboard: into the opinion text, type, Tab on to the document, then submit (a budget is the
    // finance review's alone, so the technical review's form has none).
    await page.focus('#opinion');
    await page.keyboard.type('符合全县政务信息化集约建设要求，同意建设。');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('opinionDocumentId');
    expect(await page.$('#approvedBudgetFen')).toBeNull();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('提交决定');
    await expectAccessible('decision form');
    await screenshot(page, 'review-decision');
    await page.keyboard.press('Enter');
    await waitForText(page, '作出决定：同意');
  });

  it('shows the approved project on its whole-life timeline with a verified audit trail', async () => {
    // The workflow concludes asynchronously after the decision; a person would reload.
    let stage = '';
    for (let i = 0; i < 60 && stage !== '已批复'; i++) {
      await page.goto(projectUrl);
      await page.waitForSelector('.heading .badge');
      stage = await page.$eval('.heading .badge', (el) => el.textContent ?? '');
      if (stage !== '已批复') await new Promise((r) => setTimeout(r, 500));
    }
    if (stage !== '已批复') {
      const log = readFileSync(`${runtime().dataDir}/runtime.log`, 'utf8').split('\n');
      console.error(
        log
          .filter((l) => /ERROR|WARN|error/.test(l))
          .slice(-15)
          .join('\n'),
      );
    }
    expect(stage).toBe('已批复');
    expect(await page.$eval('.timeline [aria-current="step"]', (el) => el.textContent)).toBe('已批复');
    await waitForText(page, '哈希链校验通过');
    const text = await visibleText(page);
    expect(text).toMatch(/哈希链校验通过：共 \d+ 条记录/);
    expect(text).toContain('提交申报');
    expect(text).toContain('审查决定');
    // The department by its name, as registered (ART09), not its id.
    await page.waitForFunction(
      (name: string) => [...document.querySelectorAll('.facts dd')].some((dd) => dd.textContent === name),
      { timeout: 10_000 },
      DEPT_NAME,
    );
    await expectAccessible('project page');
    await screenshot(page, 'project');
  });

  it('counts the project on the county dashboard for its year and exports it as XLSX and CSV', async () => {
    await signIn(page, base, watcher);
    await clickText(page, 'a', '全县看板');
    await page.waitForSelector('[data-stat="projects"]');
    await page.select('select', String(YEAR));
    // The year's own figures: the page keeps showing the last year's while it loads the next.
    await page.waitForFunction(
      (year: number) =>
        document.querySelector(`ul.stats[aria-label="${year} 年概况"] [data-stat="projects"]`)?.textContent === '1',
      { timeout: 20_000 },
      YEAR,
    );
    expect(await page.$eval('[data-stat="approved"]', (el) => el.textContent)).toBe('580,000.00');
    const byStage = await page.$eval('[data-figure="by-stage"]', (el) => el.textContent ?? '');
    expect(byStage).toContain('已批复1');
    await page.waitForSelector('[data-figure="by-stage"] ~ * canvas, .chart canvas');
    await expectAccessible('dashboard');
    await screenshot(page, 'dashboard');

    await clickText(page, 'button', '导出 CSV');
    const csv = readFileSync(await waitForDownload(downloads, '.csv'));
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('项目编号,项目名称,建设单位,阶段,申报总投资（元）,批复预算（元）,未整改问题（项）');
    expect(lines).toContain(`${projectCode},${NAME},${DEPT_NAME},已批复,580000.00,,0`);

    await clickText(page, 'button', '导出 Excel');
    const xlsx = readFileSync(await waitForDownload(downloads, '.xlsx'));
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');
    const sheet = zipEntry(xlsx, 'xl/worksheets/sheet1.xml');
    expect(sheet).toContain(projectCode);
    expect(sheet).toContain(NAME);
    expect(sheet).toContain('<v>580000.00</v>');
    expect(path.basename(await waitForDownload(downloads, '.xlsx'))).toBe(`陵川县政务数据项目台账-${YEAR}.xlsx`);
  });

  it('fits a phone: the dashboard and the project page never scroll sideways at 390 pixels', async () => {
    await page.setViewport({ width: 390, height: 844 });
    try {
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      await clickText(page, 'a', '全县看板');
      await page.select('select', String(YEAR));
      await page.waitForSelector(`ul.stats[aria-label="${YEAR} 年概况"]`);
      expect(await overflow(), 'dashboard').toBeLessThanOrEqual(0);
      await page.goto(projectUrl);
      await page.waitForSelector('tr[data-document-kind]');
      expect(await overflow(), 'project page').toBeLessThanOrEqual(0);
    } finally {
      await page.setViewport({ width: 1440, height: 900 });
    }
  });

  it('renders the API reference from /v1/openapi.json with the bundled Redoc', async () => {
    await clickText(page, 'a', '接口文档');
    await waitForText(page, 'Lingchuan government data projects API', 60_000);
    await waitForText(page, '/v1/reports/portfolio');
    await screenshot(page, 'api-reference');
  });
});
