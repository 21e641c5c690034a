// The referral form with JavaScript disabled (issue 7, "what it must show" 2): every step, the conditional parts
// (revealed by CSS alone), the server's per-field errors, adding accompanying children and the receipt.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { clickThrough, newContext, screenshot, useBrowser } from './browser';

const { url, browser } = useBrowser();

let page: Page;
beforeAll(async () => {
  const context = await newContext(browser, { javaScriptEnabled: false });
  page = await context.newPage();
});

describe('the referral form without JavaScript', () => {
  it('signs in, fills in every step, corrects an error, adds two children and gets a reference', async () => {
    // Scripts of the page do not run in this context.
    await page.setContent(
      '<p id="x">off</p><script>document.getElementById("x").textContent = "on"</script>',
    );
    expect(await page.textContent('#x')).toBe('off');
    await page.goto(`${url}/sign-in`);
    await page.selectOption('#f-identity', 'cso-stodgruppen');
    await clickThrough(page, 'main button[type=submit]');
    await page.goto(`${url}/referrals/new`);
    await clickThrough(page, 'main form[action="/referrals/new"] button');

    // A wrong date is caught by the server and shown beside the field and in the summary.
    await page.check('#f-ageKind');
    expect(await page.isVisible('#f-dateOfBirth')).toBe(true);
    expect(await page.isVisible('#f-estimatedYears')).toBe(false);
    await page.fill('#f-dateOfBirth', '1990-13-45');
    await page.check('#f-gender-male');
    await clickThrough(page, 'button[value=next]');
    expect(await page.textContent('.error-summary')).toContain('ÅÅÅÅ-MM-DD');
    expect(await page.getAttribute('#f-dateOfBirth', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('.error-summary a', 'href')).toBe('#f-dateOfBirth');
    await screenshot(page, 'nojs-person-error');
    await page.fill('#f-dateOfBirth', '1990-03-14');
    await page.selectOption('#f-citizenship1', 'UA');
    await clickThrough(page, 'button[value=next]');

    await page.check('#f-locationKind-county');
    await page.selectOption('#f-countyCode', '14');
    await clickThrough(page, 'button[value=next]');
    await page.check('#f-purposes-begging');
    await clickThrough(page, 'button[value=next]');

    // An adult without consent: an anonymous notification.
    await page.check('#f-acuteProtection');
    await page.check('#f-consent-not-given');
    await clickThrough(page, 'button[value=next]');

    await page.check('#f-hasChildren');
    await page.check('#f-child-0-ageKind-estimate');
    await page.fill('#f-child-0-estimatedYears', '6');
    await clickThrough(page, 'button[value=add-child]');
    expect(page.url()).toContain('/children');
    expect(await page.inputValue('#f-child-0-estimatedYears')).toBe('6');
    await page.check('#f-child-1-ageKind-unknown');
    await page.selectOption('#f-child-1-municipalityCode', '1480');
    await clickThrough(page, 'button[value=next]');

    expect(await page.textContent('main')).toContain('anonym anmälan');
    await clickThrough(page, 'button[value=next]');
    expect(page.url()).toMatch(/\/review$/);
    const review = (await page.textContent('main'))!;
    expect(review).toContain('Anonym anmälan');
    expect(review).toContain('2 medföljande barn');
    expect(review).not.toContain('1990-03-14');
    await screenshot(page, 'nojs-review');
    // The same page on a phone: nothing is cut off or needs sideways scrolling (WCAG 1.4.10 reflow).
    await page.setViewportSize({ width: 320, height: 640 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await screenshot(page, 'nojs-review-320px');
    await page.setViewportSize({ width: 1024, height: 800 });

    await clickThrough(page, '#submit');
    expect(page.url()).toMatch(/\/receipts\/[0-9A-Z]{26}$/);
    expect(await page.textContent('.panel-reference')).toMatch(/^NRM-\d{4}-\d{6}$/);
    await screenshot(page, 'nojs-receipt');
  });

  it('refuses a form posted without the CSRF token', async () => {
    const response = await page.request.post(`${url}/referrals/new`, {
      form: { nothing: 'here' },
      headers: { origin: url },
    });
    expect(response.status()).toBe(403);
  });
});
