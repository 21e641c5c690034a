// Headless Chromium for the browser suites: one browser per file, keyboard helpers that prove a control is
// reachable with Tab, axe-core checks, the layout guard after every navigation (layout-guard.ts) and screenshots for
// review (tests/artifacts/screenshots/ and contact-sheet.html, git-ignored).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { type ApiClient, apiClient } from '../support/http';
import { imageFile, SCREENSHOTS, SHEET_WIDTHS, type Shot } from './contact-sheet';
import { guardLayout } from './layout-guard';

const CHROMIUM = process.env.NRM_CHROMIUM ?? '/usr/bin/chromium';

function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** What the suites ask of the file's browser: new contexts (newContext below guards their pages) and bare pages. */
export type FileBrowser = Pick<Browser, 'newContext' | 'newPage'>;

/**
 * One Chromium for the test file: launched in a beforeAll and closed in an afterAll that this registers (so a file's
 * own beforeAll, registered after, runs with the browser up, and its afterAll before the browser closes). The answer
 * stands for the browser from the file's first hook on; asked before that, it says so.
 */
export function useChromium(): FileBrowser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  const launched = (): Browser => {
    if (!browser) throw new Error('The browser is launched in beforeAll: use it in a hook or a test');
    return browser;
  };
  return {
    newContext: (options) => launched().newContext(options),
    newPage: (options) => launched().newPage(options),
  };
}

/**
 * The browser suites' header: the suites' platform (its address from the e2e global set-up), a client of its API,
 * the file's Chromium (useChromium) and signedInPage on that browser and platform.
 */
export function useBrowser(): {
  url: string;
  api: ApiClient;
  browser: FileBrowser;
  signedIn: (identity: string, options?: SignInOptions) => Promise<Page>;
} {
  const url = inject('web').url;
  const browser = useChromium();
  return {
    url,
    api: apiClient(url),
    browser,
    signedIn: (identity, options) => signedInPage(browser, url, identity, options),
  };
}

/**
 * A browser context whose pages are guarded: after every navigation a test waits for (goto, reload,
 * waitForNavigation, waitForURL) the layout guard checks the loaded page at every width before the test goes on, so
 * every page any browser test visits is checked without the test asking.
 */
export async function newContext(
  browser: FileBrowser,
  options: { javaScriptEnabled?: boolean } = {},
): Promise<BrowserContext> {
  const javaScript = options.javaScriptEnabled ?? true;
  const context = await browser.newContext({
    viewport: { width: 1024, height: 800 },
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    javaScriptEnabled: javaScript,
  });
  const newPage = context.newPage.bind(context);
  context.newPage = async () => guarded(await newPage(), javaScript);
  return context;
}

const javaScriptOf = new WeakMap<Page, boolean>();

/** Where a page is, for the guard's and the contact sheet's messages. */
function whereIs(page: Page): string {
  const { pathname } = new URL(page.url());
  return `${pathname}, JavaScript ${javaScriptOf.get(page) === false ? 'off' : 'on'}`;
}

/** Checks the page's layout now (also after a reveal on the same page). */
export function checkLayoutNow(page: Page, what?: string): Promise<void> {
  return guardLayout(page, { where: what ? `${whereIs(page)}, ${what}` : whereIs(page) });
}

/**
 * The pages the platform serves. Not `/local/…`: the local issuer's sign-in page stands in for Cognito's hosted
 * sign-in, which AWS draws, and is never served there.
 */
const guardedPage = (url: string) => url.startsWith('http') && !new URL(url).pathname.startsWith('/local/');

function guarded(page: Page, javaScript: boolean): Page {
  javaScriptOf.set(page, javaScript);
  // Each loaded document is checked once, however many of the waits below a test chains on it.
  let loads = 0;
  let checked = -1;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) loads++;
  });
  const thenCheck =
    <A extends unknown[], R>(wait: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const result = await wait(...args);
      if (checked !== loads && !page.isClosed() && guardedPage(page.url())) {
        checked = loads;
        await checkLayoutNow(page);
      }
      return result;
    };
  page.goto = thenCheck(page.goto.bind(page));
  page.reload = thenCheck(page.reload.bind(page));
  page.waitForNavigation = thenCheck(page.waitForNavigation.bind(page));
  page.waitForURL = thenCheck(page.waitForURL.bind(page));
  return page;
}

/** Signs in through the identity picker, with the keyboard. */
export async function signIn(page: Page, baseUrl: string, identity: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await selectByKeyboard(page, '#f-identity', identity);
  await tabTo(page, 'main button[type=submit]');
  await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

export type SignInOptions = { javaScriptEnabled?: boolean; lang?: string };

/**
 * A new guarded page in a context of its own, signed in as `identity` (the sign-in page in `lang` first, if given).
 * Without JavaScript the picker is a plain form post: the keyboard helpers need none, but the suites that turn it off
 * sign in as such a browser would.
 */
export async function signedInPage(
  browser: FileBrowser,
  baseUrl: string,
  identity: string,
  options: SignInOptions = {},
): Promise<Page> {
  const page = await (
    await newContext(browser, options.javaScriptEnabled === false ? { javaScriptEnabled: false } : {})
  ).newPage();
  if (options.lang) await page.goto(`${baseUrl}/sign-in?lang=${options.lang}`);
  if (options.javaScriptEnabled === false) {
    await page.goto(`${baseUrl}/sign-in`);
    await page.selectOption('#f-identity', identity);
    await clickThrough(page, 'main button[type=submit]');
  } else await signIn(page, baseUrl, identity);
  return page;
}

/** Clicks `selector` and waits for the page it leads to. */
export async function clickThrough(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

/** Presses the submit button of the form whose action ends with `action`, and waits for the page it leads to. */
export function submitForm(page: Page, action: string): Promise<void> {
  return clickThrough(page, `form[action$="${action}"] button[type=submit]`);
}

/**
 * Opens `address` and checks that it is the 404 page (in Swedish) and that it says nothing of `secret` (a name, a
 * reference), then photographs it as `name` for the contact sheet.
 */
export async function expectNotFoundPage(
  page: Page,
  address: string,
  secret: string,
  name: string,
): Promise<void> {
  const response = await page.goto(address);
  expect(response?.status()).toBe(404);
  expect(await page.textContent('h1')).toBe('Sidan finns inte');
  expect(await page.content()).not.toContain(secret);
  await screenshot(page, name);
}

/** Presses Tab until `selector` has focus: fails if the element cannot be reached with the keyboard. */
export async function tabTo(page: Page, selector: string, maxPresses = 600): Promise<void> {
  const target = await page.waitForSelector(selector, { state: 'attached', timeout: 5_000 });
  for (let i = 0; i < maxPresses; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Could not reach ${selector} with Tab`);
}

export async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await tabTo(page, selector);
  await page.keyboard.type(text);
}

/** A choice that reveals fields changes the layout without a navigation: the guard checks the revealed fields. */
async function checkReveal(page: Page, selector: string): Promise<void> {
  if (await page.$(`${selector}:checked ~ .conditional`)) await checkLayoutNow(page, `${selector} chosen`);
}

/** Chooses a radio of a group with the keyboard: Tab to the group, Space, then arrows until the value is chosen. */
export async function chooseRadio(page: Page, name: string, value: string): Promise<void> {
  const selector = `input[type=radio][name="${name}"][value="${value}"]`;
  await tabTo(page, `input[type=radio][name="${name}"]`);
  await page.keyboard.press('Space');
  for (let i = 0; i < 20; i++) {
    if (await page.isChecked(selector)) return checkReveal(page, selector);
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`Could not choose ${name}=${value} with the keyboard`);
}

export async function checkBox(page: Page, name: string, value: string): Promise<void> {
  const selector = `input[type=checkbox][name="${name}"][value="${value}"]`;
  await tabTo(page, selector);
  if (!(await page.isChecked(selector))) await page.keyboard.press('Space');
  await checkReveal(page, selector);
}

/** Chooses an option of a select with the keyboard (arrow keys on the focused select). */
export async function selectByKeyboard(page: Page, selector: string, value: string): Promise<void> {
  await tabTo(page, selector);
  const target = await page.$eval(
    selector,
    (el, v) => Array.from((el as HTMLSelectElement).options).findIndex((o) => o.value === v),
    value,
  );
  if (target < 0) throw new Error(`${selector} has no option ${value}`);
  const current = await page.$eval(selector, (el) => (el as HTMLSelectElement).selectedIndex);
  const key = target >= current ? 'ArrowDown' : 'ArrowUp';
  for (let i = 0; i < Math.abs(target - current); i++) await page.keyboard.press(key);
  const chosen = await page.$eval(selector, (el) => (el as HTMLSelectElement).value);
  if (chosen !== value) throw new Error(`${selector}: chose ${chosen}, wanted ${value}`);
}

/** Presses Enter on a focused button and waits for the next page. */
export async function pressButton(page: Page, selector: string): Promise<void> {
  await tabTo(page, selector);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')}`,
  );
}

/**
 * Full-page screenshots at 375 and 1280 px (the loaded page resized, not loaded again) and what the contact sheet
 * says of them; global-setup.ts writes the sheet when the run ends.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const original = page.viewportSize() ?? { width: 1024, height: 800 };
  try {
    for (const width of SHEET_WIDTHS) {
      await page.setViewportSize({ width, height: original.height });
      await page.screenshot({ path: join(SCREENSHOTS, imageFile(name, width)), fullPage: true });
    }
  } finally {
    await page.setViewportSize(original);
  }
  const shot: Shot = {
    name,
    path: new URL(page.url()).pathname,
    title: await page.title(),
    lang: (await page.getAttribute('html', 'lang')) ?? '',
    javaScript: javaScriptOf.get(page) !== false,
  };
  writeFileSync(join(SCREENSHOTS, `${name}.json`), `${JSON.stringify(shot, null, 2)}\n`);
}
