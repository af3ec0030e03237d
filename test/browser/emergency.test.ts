import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '#shared/domain/calendar.ts';
import { runtime } from '../integration/support/client.ts';
import { today } from '../integration/support/lifecycle.ts';
import { emergencyBody, readyProject } from '../integration/support/scenario.ts';
import { axeViolations, launchBrowser, screenshot, visibleText } from './support/browser.ts';
import { byText, clickText, fill, signIn, waitForText } from './support/console-page.ts';

/**
 * The emergency path (ART15: 可先行建设，边建设边办理相关手续) in a real browser: the department's
 * head starts building a declared emergency from its own form, and the Data Bureau confirms the
 * emergency afterwards from its queue, with the checklist the task lists.
 */
const dept = 'yingji';
const head = { roles: ['dept-head'], dept, name: '赵局长' };
const staff = { roles: ['dept-staff'], dept, name: '钱经办' };
const reviewer = { roles: ['data-bureau'], dept: 'data-bureau', name: '孙审查' };
const EMERGENCY_START = '紧急项目先行建设（第十五条：主要负责人决定，县数据局事后认定）';

let browser: Browser;
let page: Page;
let base: string;
let projectUrl = '';
let projectCode = '';

const openForm = async (title: string) => {
  const summary = await page.locator(byText('details.phase > summary', title)).waitHandle();
  const open = await summary.evaluate((el) => (el.parentElement as HTMLDetailsElement).open);
  if (!open) {
    await summary.focus();
    await page.keyboard.press('Enter');
  }
};

beforeAll(async () => {
  base = runtime().url;
  const { project } = await readyProject(
    { name: '县防汛应急指挥系统', totalInvestmentFen: 58_000_000, emergency: emergencyBody() },
    dept,
  );
  projectUrl = `${base}/projects/${project.id}`;
  projectCode = project.code;
  browser = await launchBrowser();
  page = await browser.newPage();
  page.on('pageerror', (error) => console.error('[page error]', error));
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

describe('an emergency project through the console (ART15-EMERGENCY)', { timeout: 180_000 }, () => {
  it('ART15-EMERGENCY: only the head is offered the emergency start; it starts building at once', async () => {
    await signIn(page, base, staff);
    await page.goto(projectUrl);
    await waitForText(page, '材料');
    expect(await visibleText(page)).not.toContain(EMERGENCY_START);

    await signIn(page, base, head);
    await page.goto(projectUrl);
    await openForm(EMERGENCY_START);
    await fill(page, 'startConstruction-baseline-plannedCompletionOn', addMonths(today(), 8));
    await fill(page, 'startConstruction-baseline-milestones-0-name', '应急恢复');
    await fill(page, 'startConstruction-baseline-milestones-0-dueOn', addMonths(today(), 1));
    await fill(page, 'startConstruction-baseline-milestones-0-plannedSpentFen', '100000');
    const submit = await page.locator('#phase-startConstruction button[type="submit"]').waitHandle();
    await submit.focus();
    await page.keyboard.press('Enter');
    await waitForText(page, '先行建设中，待县数据局认定');
    expect(await visibleText(page)).toContain('开工时申报总投资');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('ART15-EMERGENCY: the Data Bureau confirms the emergency from its queue, with the checklist the task lists', async () => {
    await signIn(page, base, reviewer);
    await clickText(page, 'a', '待办审查');
    await waitForText(page, projectCode, 30_000).catch(async () => {
      await page.reload();
      await waitForText(page, projectCode);
    });
    await clickText(page, 'a', `办理${projectCode}`);
    await page.waitForSelector('form[aria-label="审查决定"]');
    const form = await visibleText(page);
    expect(form).toContain('紧急项目认定');
    for (const item of ['突发事件', '确需紧急建设', '建设内容针对该突发事件']) expect(form).toContain(item);
    // A confirmation is decided with its opinion text alone, approving or rejecting (no return).
    expect(form).not.toContain('意见文书');
    expect(form).not.toContain('退回');
    await fill(page, 'opinion', '经核实，7·20 特大暴雨冲毁防汛指挥系统，确需紧急建设。');
    await clickText(page, 'button', '提交决定');
    await waitForText(page, '作出决定：');
    await page.goto(projectUrl);
    await waitForText(page, '县数据局已认定', 30_000).catch(async () => {
      await page.reload();
      await waitForText(page, '县数据局已认定');
    });
    await screenshot(page, 'emergency-confirmed', '#emergency-confirmation');
  });
});
