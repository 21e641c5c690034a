// Every conditional reveal of the referral form, opened one by one (issue 22): the fields a choice reveals are drawn
// below it at a usable size at every width, checked by the layout guard and photographed for the contact sheet.
// Reveals are CSS alone, so Swedish runs without JavaScript and English with it.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkLayoutNow, clickThrough, newContext, screenshot, signIn, useBrowser } from './browser';

const { url, browser } = useBrowser();
const STEPS = ['person', 'where', 'exploitation', 'needs', 'children'] as const;

/** The choices on the page that reveal something, in document order (an outer reveal before those inside it). */
const revealingChoices = (page: Page) =>
  page.$$eval('main .choice > input', (inputs) =>
    (inputs as HTMLInputElement[])
      .filter((input) => input.parentElement?.querySelector(':scope > .conditional'))
      .map((input) => ({ id: input.id, name: input.name, value: input.value })),
  );

describe.each([
  { lang: 'sv', javaScript: false },
  { lang: 'en', javaScript: true },
])('the form’s reveals ($lang, JavaScript $javaScript)', ({ lang, javaScript }) => {
  it('draws every revealed field below its choice, at a usable size, at every width', async () => {
    const page = await (await newContext(browser, { javaScriptEnabled: javaScript })).newPage();
    await page.goto(`${url}/sign-in?lang=${lang}`);
    await signIn(page, url, 'cso-stodgruppen');
    await page.goto(`${url}/referrals/new`);
    await clickThrough(page, 'main form[action="/referrals/new"] button');
    const draft = page.url().replace(/\/person$/, '');
    const opened: string[] = [];
    for (const step of STEPS) {
      await page.goto(`${draft}/${step}`);
      for (const { id, name, value } of await revealingChoices(page)) {
        if (!(await page.isVisible(`#${id}`))) continue;
        await page.check(`#${id}`);
        await checkLayoutNow(page, `#${id} chosen`);
        // The revealed part starts below the choice's own label, not over it.
        const [choice, reveal] = await page.$eval(`#${id}`, (input) => [
          input.getBoundingClientRect().bottom,
          input.parentElement!.querySelector(':scope > .conditional')!.getBoundingClientRect().top,
        ]);
        expect(reveal, `#${id}`).toBeGreaterThanOrEqual(choice!);
        await screenshot(page, `reveal-${step}-${name.replaceAll('.', '-')}-${value}-${lang}`);
        opened.push(id);
      }
    }
    // The age (date of birth, approximate age), location, consent and accompanying children reveals were all opened.
    expect(opened).toEqual(
      expect.arrayContaining(['f-ageKind', 'f-ageKind-estimate', 'f-consent', 'f-hasChildren']),
    );
    await page.context().close();
  });
});
