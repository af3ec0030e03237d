import type { Page } from 'puppeteer-core';

/** Puppeteer's text selector: the element whose text is `text`. */
export const byText = (selector: string, text: string) => `${selector}::-p-text(${text})`;

/**
 * Activates a button or link by its text from the keyboard (focus, Enter), as a keyboard user
 * would: unlike a mouse click at coordinates, it cannot land on something else when the page
 * reflows (a list above it growing as it reloads) on a slow, shared machine.
 */
export const clickText = async (page: Page, selector: string, text: string) => {
  const target = await page.locator(byText(selector, text)).waitHandle();
  await target.focus();
  await page.keyboard.press('Enter');
};

/** Waits until a person would see `text` on the page. */
export const waitForText = (page: Page, text: string, timeout = 30_000) =>
  // biome-ignore lint/performance/useDomNodeTextContent: what is rendered (innerText) is what a person sees.
  page.waitForFunction((t: string) => document.body.innerText.includes(t), { timeout, polling: 100 }, text);

/** The text a person sees in one part of the page. */
export const shownText = (page: Page, selector: string) =>
  // biome-ignore lint/performance/useDomNodeTextContent: what is rendered (innerText) is what a person sees.
  page.$eval(selector, (el) => (el as HTMLElement).innerText);

export const fill = async (page: Page, id: string, value: string) => {
  const input = page.locator(`[id="${id}"]`);
  await input.fill(value);
};

/**
 * Signs in as someone with these roles (signing out first), as a person does: the console's
 * sign-in button starts the OIDC authorization code flow with PKCE, the local identity provider's
 * login page is filled in (its own form: roles, department, name), and the provider sends the
 * browser back to the console's callback, which redeems the code.
 */
export const signIn = async (page: Page, base: string, who: { roles: string[]; dept: string; name: string }) => {
  await page.goto(`${base}/`);
  await page.evaluate(() => sessionStorage.clear());
  await page.goto(`${base}/`);
  await clickText(page, 'button', '统一身份认证登录');
  await page.waitForSelector('input[name="role"]');
  await page.$$eval(
    'input[name="role"]',
    (boxes, roles) => {
      for (const box of boxes as HTMLInputElement[]) if (box.checked !== roles.includes(box.value)) box.click();
    },
    who.roles,
  );
  await fill(page, 'local-dept', who.dept);
  await fill(page, 'local-name', who.name);
  await clickText(page, 'button', '登录');
  await waitForText(page, `您好，${who.name}`);
};

/** Uploads a file with the console's upload form and waits for the server's verdict. */
export const uploadDocument = async (page: Page, formId: string, kind: string, file: string) => {
  const fileName = file.split('/').pop() ?? file;
  await page.select(`[id="${formId}-kind"]`, kind);
  const input = await page.waitForSelector(`[id="${formId}-file"]`);
  await (input as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(file);
  const submit = await page.locator('form[aria-label="上传材料"] button[type="submit"]').waitHandle();
  await submit.focus();
  await page.keyboard.press('Enter');
  // The verdict, or the refusal the form shows instead (so a failure says why).
  await page
    .waitForFunction(
      (name: string) =>
        document.querySelector('.upload-result')?.textContent?.startsWith(`${name}：`) ||
        document.querySelector('form[aria-label="上传材料"] .problem'),
      { timeout: 60_000, polling: 100 },
      fileName,
    )
    .catch(async (error: Error) => {
      const state = await page.$eval('form[aria-label="上传材料"]', (form) => form.textContent);
      throw new Error(`${fileName}: no verdict; the form shows «${state}» (${error.message})`);
    });
  // The page reloads its document list after a verdict: wait until the list shows this file settled.
  // (Not waitForNetworkIdle: puppeteer counts the S3 PUT's CORS preflight as in flight for ever.)
  await page.waitForFunction(
    (name: string) =>
      [...document.querySelectorAll('tbody tr')].some(
        (row) => row.textContent?.includes(name) && !row.textContent.includes('核验中'),
      ),
    { timeout: 15_000, polling: 100 },
    fileName,
  );
  return page.$eval('form[aria-label="上传材料"]', (form) => {
    const problem = form.querySelector('.problem')?.textContent;
    return problem ? `refused: ${problem}` : (form.querySelector('.upload-result')?.textContent ?? '');
  });
};
