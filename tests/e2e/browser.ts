// Headless Chromium for the browser suites: one browser per file, keyboard helpers that prove a control is
// reachable with Tab, axe-core checks and screenshots for review (tests/artifacts/screenshots/, git-ignored).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const SCREENSHOTS = 'tests/artifacts/screenshots';
const CHROMIUM = process.env.NRM_CHROMIUM ?? '/usr/bin/chromium';

export function launch(): Promise<Browser> {
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

export async function newContext(
  browser: Browser,
  options: { javaScriptEnabled?: boolean } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 1024, height: 800 },
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
}

/** Signs in through the identity picker, with the keyboard. */
export async function signIn(page: Page, baseUrl: string, identity: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await selectByKeyboard(page, '#f-identity', identity);
  await tabTo(page, 'main button[type=submit]');
  await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
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

/** Chooses a radio of a group with the keyboard: Tab to the group, Space, then arrows until the value is chosen. */
export async function chooseRadio(page: Page, name: string, value: string): Promise<void> {
  await tabTo(page, `input[type=radio][name="${name}"]`);
  await page.keyboard.press('Space');
  for (let i = 0; i < 20; i++) {
    if (await page.isChecked(`input[type=radio][name="${name}"][value="${value}"]`)) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`Could not choose ${name}=${value} with the keyboard`);
}

export async function checkBox(page: Page, name: string, value: string): Promise<void> {
  const selector = `input[type=checkbox][name="${name}"][value="${value}"]`;
  await tabTo(page, selector);
  if (!(await page.isChecked(selector))) await page.keyboard.press('Space');
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

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
