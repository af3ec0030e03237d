import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { Browser, HTTPRequest, HTTPResponse, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProviderSettings } from '#infra/local/issuer.ts';
import { PRESETS } from '#infra/local/login-page.ts';
import { runtime } from '../integration/support/client.ts';
import { axeViolations, launchBrowser, screenshot, visibleText } from './support/browser.ts';
import { clickText, signIn, waitForText } from './support/console-page.ts';

/**
 * The console signs in as it does deployed: the OIDC authorization code flow with PKCE, here
 * against the local runtime's own provider (oidc-provider), whose access token is signed as API
 * Gateway's HTTP API JWT authorizer requires (RSA: RS256).
 */
let browser: Browser;
let page: Page;
let base: string;
const requests: HTTPRequest[] = [];
const responses: HTTPResponse[] = [];

beforeAll(async () => {
  base = runtime().url;
  browser = await launchBrowser();
  page = await browser.newPage();
  page.on('pageerror', (error) => console.error('[page error]', error));
  page.on('request', (request) => requests.push(request));
  page.on('response', (response) => responses.push(response));
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

const sessionToken = () => page.evaluate(() => sessionStorage.getItem('lingchuan.session'));

describe('signing in through the local OpenID provider (issue #19 item 5)', { timeout: 120_000 }, () => {
  it('signs in through the authorization code flow with PKCE (S256) and holds an RS256 access token the API accepts', async () => {
    await page.goto(`${base}/`);
    await waitForText(page, '统一身份认证登录');
    expect(await axeViolations(page), 'axe on the console sign-in').toEqual([]);
    await clickText(page, 'button', '统一身份认证登录');

    // The provider's own login page, in Chinese, with the presets.
    await page.waitForSelector('input[name="role"]');
    expect(new URL(page.url()).pathname).toMatch(/^\/oidc\/interaction\/[\w-]+$/);
    const shown = await visibleText(page);
    for (const preset of PRESETS) expect(shown).toContain(preset.title);
    expect(await axeViolations(page), 'axe on the login page').toEqual([]);
    await screenshot(page, 'sign-in');

    const authorization = requests.map((r) => new URL(r.url())).find((url) => url.pathname === '/oidc/auth');
    expect(authorization?.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization?.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorization?.searchParams.get('response_type')).toBe('code');

    const firstApiCall = page.waitForResponse((response) => new URL(response.url()).pathname.startsWith('/v1/'));
    await clickText(page, 'button', '县数据局 · 技术审核');
    await waitForText(page, '您好，王审查');
    // The console calls the API with the token the code bought, and the gateway accepts it.
    expect((await firstApiCall).status()).toBe(200);

    // The code was redeemed with its verifier, and nothing else handed the console a token.
    const redemption = requests.find((r) => new URL(r.url()).pathname === '/oidc/token');
    const form = new URLSearchParams(redemption?.postData() ?? '');
    expect(form.get('grant_type')).toBe('authorization_code');
    expect(form.get('code_verifier')).toMatch(/^[\w-]{43,128}$/);
    expect(requests.some((r) => r.url().includes('/local/token'))).toBe(false);

    const token = await sessionToken();
    if (!token) throw new Error('no session token after the callback');
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    const { issuer, audience } = readProviderSettings(runtime().dataDir);
    expect(decodeJwt(token)).toMatchObject({ iss: issuer, aud: audience, roles: ['data-bureau'], name: '王审查' });
    const apiCalls = responses.filter((r) => new URL(r.url()).pathname.startsWith('/v1/'));
    expect(apiCalls.map((r) => r.status()).filter((status) => status === 401)).toEqual([]);
  });

  it('asks who signs in every time, so the next person is not the last one', async () => {
    await signIn(page, base, { roles: ['audit'], dept: 'audit', name: '孙审计' });
    const token = await sessionToken();
    expect(decodeJwt(token ?? '')).toMatchObject({ roles: ['audit'], dept: 'audit', name: '孙审计' });
  });
});
