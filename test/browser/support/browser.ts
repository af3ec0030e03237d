import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import chromium from '@sparticuz/chromium';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

const require = createRequire(import.meta.url);

/**
 * Flags for a closed network and a shared machine: no background traffic (updates, metrics,
 * safe-browsing, translation), no sandbox (we run as root in a container). @sparticuz/chromium's
 * own list also turns off web security, which would hide the CORS the presigned upload must pass,
 * so it is not used whole.
 */
const ARGS = [
  '--headless=new',
  // The browser's own widgets (the file picker's button) in Chinese, as the officials see them.
  '--lang=zh-CN',
  '--no-sandbox',
  '--disable-setuid-sandbox',
  '--no-zygote',
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--use-gl=angle',
  '--use-angle=swiftshader',
  '--font-render-hinting=none',
  '--no-first-run',
  '--no-default-browser-check',
  '--no-pings',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-domain-reliability',
  '--disable-sync',
  '--disable-breakpad',
  '--disable-client-side-phishing-detection',
  '--disable-default-apps',
  '--disable-extensions',
  '--metrics-recording-only',
  '--safebrowsing-disable-auto-update',
  '--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication,CertificateTransparencyComponentUpdater,InterestFeedContentSuggestions',
];

export const launchBrowser = async (): Promise<Browser> =>
  puppeteer.launch({
    executablePath: await chromium.executablePath(),
    args: ARGS,
    headless: true,
    defaultViewport: { width: 1440, height: 900 },
  });

/** Where the README's screenshots live; the tests write them (1440×900). */
export const SCREENSHOTS = path.resolve('docs/screenshots');

/** A screenshot of what a person sees: from the top of the page, or with `at` scrolled to the top. */
export const screenshot = async (page: Page, name: string, at?: string) => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Fonts load by unicode range as text appears, so wait until every face in use has arrived.
  await page.evaluate((selector) => {
    if (selector) document.querySelector(selector)?.scrollIntoView({ block: 'start' });
    else window.scrollTo(0, 0);
    return document.fonts.ready;
  }, at);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) as `${string}.png` });
};

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

/**
 * axe-core run in the page, as @axe-core/puppeteer does it. That wrapper is not used because it
 * declares the full `puppeteer` package as a peer, whose install downloads a browser (which this
 * closed network refuses); the engine and its rules are the same.
 */
export const axeViolations = async (page: Page) => {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run(context: Document, options: object): Promise<unknown> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    }),
  )) as AxeResult;
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
};

/** Text of the page as a person reads it. */
// biome-ignore lint/performance/useDomNodeTextContent: what is rendered (innerText) is what a person sees.
export const visibleText = (page: Page) => page.evaluate(() => document.body.innerText);
