import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newObligation, type Obligation } from '#shared/domain/obligation.ts';
import { transact } from '#shared/store/transactions.ts';
import { call, runtime, tokenFor } from '../integration/support/client.ts';
import { directDeps } from '../integration/support/direct.ts';
import { today } from '../integration/support/lifecycle.ts';
import { createProject, people, registerDepartment } from '../integration/support/scenario.ts';
import { axeViolations, launchBrowser, screenshot } from './support/browser.ts';
import { signIn, waitForText } from './support/console-page.ts';

/**
 * The notification centre in a real browser: a department owing two duties that entered the
 * reminder window sees the bell count them, reads one, and follows the other to its project.
 */
const dept = 'tixing';
const staff = { roles: ['dept-staff'], dept, name: '周经办' };

let browser: Browser;
let page: Page;
let base: string;
let projectId = '';
const duties: Obligation[] = [];

const bellCount = () =>
  page.$eval('.bell', (bell) => ({
    label: bell.getAttribute('aria-label') ?? '',
    count: bell.querySelector('.bell-count')?.textContent ?? '',
  }));

beforeAll(async () => {
  base = runtime().url;
  await registerDepartment(dept);
  const project = await createProject(await people(dept).staff());
  projectId = project.id;
  const officer = await tokenFor({ roles: ['data-bureau'], sub: 'bell-officer' });
  const workingDaysAfter = async (from: string, add: number) =>
    (await call<{ due: string }>('GET', `/v1/calendar/working-days?from=${from}&add=${add}`, { token: officer })).body
      .due;
  // A morning beyond today's own window, so only this run (or another test's of the same morning) announces them.
  const morning = await workingDaysAfter(today(), 6);
  const deps = await directDeps();
  for (const [i, add] of [2, 4].entries()) {
    duties.push(
      newObligation({
        project: { id: project.id, ownerDeptId: dept },
        code: 'ART29-FILING',
        key: `bell-${i}`,
        basis: { from: today(), amount: 30, unit: 'working-days' },
        due: { dueDate: await workingDaysAfter(morning, add), provisional: false },
        at: new Date().toISOString(),
      }),
    );
  }
  await transact(duties.map((duty) => deps.obligations.open(duty)));
  const ran = await call('POST', '/v1/reminders', { token: officer, body: { asOf: morning } });
  expect(ran.status).toBe(200);
  browser = await launchBrowser();
  page = await browser.newPage();
  page.on('pageerror', (error) => console.error('[page error]', error));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  const deps = await directDeps();
  await transact(
    duties.map((duty) =>
      deps.obligations.settle({ ...duty, status: 'fulfilled', settledAt: new Date().toISOString(), settledBy: 'test' }),
    ),
  );
});

describe('the notification centre in the console', { timeout: 120_000 }, () => {
  it('counts the unread on the bell, lists them in Chinese with their due dates, and reads one', async () => {
    await signIn(page, base, staff);
    await page.waitForSelector('.bell .bell-count');
    expect(await bellCount()).toEqual({ label: '通知，2 条未读', count: '2' });

    await page.locator('.bell').click();
    await waitForText(page, '即将到期');
    const [first, second] = duties as [Obligation, Obligation];
    for (const duty of duties) await waitForText(page, duty.dueDate);
    expect(await axeViolations(page), 'axe on the notifications').toEqual([]);
    await screenshot(page, 'notifications', 'main');

    // Marked read: the bell counts one.
    const row = (duty: Obligation) => `tr[data-subject="${duty.key}"]`;
    await page.locator(`${row(first)} button`).click();
    await page.waitForFunction(() => document.querySelector('.bell .bell-count')?.textContent === '1', {
      timeout: 30_000,
    });
    await waitForText(page, '已读');

    // Following the other to where the duty is done reads it too: the project's page, and no count.
    await page.locator(`${row(second)} a`).click();
    await page.waitForFunction((id: string) => location.pathname === `/projects/${id}`, { timeout: 30_000 }, projectId);
    await page.waitForFunction(() => !document.querySelector('.bell .bell-count'), { timeout: 30_000 });
    expect((await bellCount()).label).toBe('通知，无未读');
  });
});
