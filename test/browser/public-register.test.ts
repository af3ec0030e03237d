import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtime } from '../integration/support/client.ts';
import { approvedProject, thisYear } from '../integration/support/lifecycle.ts';
import { axeViolations, launchBrowser } from './support/browser.ts';
import { waitForText } from './support/console-page.ts';

/**
 * 公开项目 (政务公开, issue #21 item 3): the public reads the county's approved projects on a phone,
 * without signing in. One approved project, one fresh browser that never signs in.
 */
let browser: Browser;
let page: Page;
let base: string;
let code: string;

beforeAll(async () => {
  base = runtime().url;
  const [{ project }, launched] = await Promise.all([approvedProject({ name: '县公开项目演示平台' }), launchBrowser()]);
  code = project.code;
  browser = launched;
  page = await browser.newPage();
  page.on('pageerror', (error) => console.error('[page error]', error));
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

describe('the public register page (公开项目)', { timeout: 120_000 }, () => {
  it('opens without signing in at 390 pixels, lists the approved project and never scrolls sideways', async () => {
    await page.setViewport({ width: 390, height: 844 });
    await page.goto(`${base}/public-projects`);
    await waitForText(page, '公开项目');
    await page.waitForSelector(`li[data-code="${code}"]`, { timeout: 30_000 });
    expect(await page.evaluate(() => sessionStorage.getItem('lingchuan.session'))).toBeNull();
    const card = await page.$eval(`li[data-code="${code}"]`, (li) => li.textContent);
    expect(card).toContain('县公开项目演示平台');
    expect(card).toContain('580,000.00 元');
    expect(card).toContain('已批复');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    expect(await axeViolations(page), 'axe on the public register').toEqual([]);
  });

  it("serves the year's feed as Atom that the browser's strict XML parser reads, with the same project", async () => {
    const feed = await page.evaluate(async (year) => {
      const text = await (await fetch(`/public/v1/projects.atom?year=${year}&limit=200`)).text();
      const xml = new DOMParser().parseFromString(text, 'application/xml');
      const atom = 'http://www.w3.org/2005/Atom';
      return {
        error: xml.getElementsByTagName('parsererror').length,
        namespace: xml.documentElement.namespaceURI,
        required: ['id', 'title', 'updated'].map(
          (name) => xml.documentElement.getElementsByTagNameNS(atom, name)[0]?.textContent ?? null,
        ),
        titles: [...xml.getElementsByTagNameNS(atom, 'entry')].map(
          (entry) => entry.getElementsByTagNameNS(atom, 'title')[0]?.textContent ?? '',
        ),
      };
    }, thisYear());
    expect(feed.error).toBe(0);
    expect(feed.namespace).toBe('http://www.w3.org/2005/Atom');
    expect(feed.required.every((value) => value !== null && value.length > 0)).toBe(true);
    expect(feed.titles).toContain(`${code} 县公开项目演示平台`);
  });
});
