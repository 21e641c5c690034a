import { beforeAll, describe, expect, it } from 'vitest';
import { routedInSyd } from '../support/referral-flow';
import { clickThrough, submitForm, useBrowser } from './browser';

const { url, api, signedIn: as } = useBrowser();

let id = '';
let reference = '';

beforeAll(async () => {
  ({ id, reference } = await routedInSyd(api));
});

describe('coordinator actions in the web', () => {
  it('acknowledges, notes, offers to NSP, sees the decline, closes, reopens and transfers', async () => {
    const coordinator = await as('coordinator-syd');
    await coordinator.goto(`${url}/referrals/${id}`);
    await submitForm(coordinator, '/acknowledge');
    await coordinator.fill('#f-text', 'Ringde personen, bokat möte i morgon.');
    await submitForm(coordinator, '/notes');
    expect(await coordinator.textContent('.notice-success')).toContain('Anteckning');
    // The same rendered form sent twice (a double click, a resend) stores the note once: its key is the API's
    // Idempotency-Key.
    // (Sent from the test with the form's own fields and the browser's cookies: the page's CSP allows no fetch.)
    const form = 'form[action$="/notes"]';
    const action = await coordinator.$eval(form, (f) => (f as HTMLFormElement).action);
    const hidden = await coordinator.$$eval(`${form} input[type=hidden]`, (inputs) =>
      Object.fromEntries(inputs.map((i) => [(i as HTMLInputElement).name, (i as HTMLInputElement).value])),
    );
    const send = () =>
      coordinator.request.post(action, {
        form: { ...hidden, text: 'Dubbelklickad anteckning.' },
        headers: { Origin: url },
        maxRedirects: 0,
      });
    expect([(await send()).status(), (await send()).status()]).toEqual([303, 303]);
    await coordinator.reload();
    expect(
      ((await coordinator.textContent('.notes')) ?? '').split('Dubbelklickad anteckning.').length - 1,
    ).toBe(1);

    // A purpose the organisation does not take is refused field by field.
    await coordinator.selectOption('#f-recipient', 'nsp');
    await coordinator.selectOption('#f-purpose', 'barnahus');
    await submitForm(coordinator, '/handoffs');
    expect(await coordinator.textContent('.error-summary')).toContain('purpose');
    // Without the person's consent to NSP's shelter, the hand-off is refused at the purpose, in words.
    await coordinator.selectOption('#f-recipient', 'nsp');
    await coordinator.selectOption('#f-purpose', 'nsp-shelter');
    await submitForm(coordinator, '/handoffs');
    expect(await coordinator.textContent('.error-summary')).toContain('Personen har inte samtyckt');
    await coordinator.selectOption('#f-consentScope', 'nsp nsp-shelter');
    await submitForm(coordinator, '/consents');
    expect(await coordinator.textContent('.notice-success')).toContain('Samtycke');
    expect(await coordinator.textContent('main')).toContain('Gäller');
    await coordinator.selectOption('#f-recipient', 'nsp');
    await coordinator.selectOption('#f-purpose', 'nsp-shelter');
    await submitForm(coordinator, '/handoffs');
    expect(await coordinator.textContent('main')).toContain('Personens samtycke');

    const nsp = await as('receiver-nsp');
    await nsp.goto(`${url}/handoffs`);
    expect(await nsp.textContent('main')).toContain(reference);
    // Its own offer's row: other suites' offers to NSP may be waiting in the same list.
    await clickThrough(nsp, `tr:has(a:text-is("${reference}")) a[href$="/decline"]`);
    await nsp.check('#f-reason-no-capacity');
    await clickThrough(nsp, 'main form button[type=submit]');
    expect(await nsp.textContent('.notice-success')).toContain('Ert svar är registrerat');
    await nsp.context().close();

    await coordinator.reload();
    expect(await coordinator.textContent('main')).toContain('Avböjd');
    // The note reads back, and the timeline tells every step with who took it.
    expect(await coordinator.textContent('.notes')).toContain('Ringde personen, bokat möte i morgon.');
    const timeline = (await coordinator.textContent('.timeline')) ?? '';
    for (const step of [
      'Styrd till kö: Syd – Vuxen',
      'Mottagen av koordinator',
      'Samtycke registrerat: Nationellt stödprogram (NSP) – Skyddat boende och stöd (NSP)',
      'Överlämning erbjuden',
      'Överlämning avböjd',
      '(Regionkoordinator,',
      '(Mottagande organisation,',
    ]) {
      expect(timeline).toContain(step);
    }
    await coordinator.click('summary:text-is("Avsluta")');
    await coordinator.check('#f-closeReason');
    await submitForm(coordinator, '/close');
    expect(await coordinator.textContent('.summary-list')).toContain('Avslutad');
    await coordinator.check('#f-reopenReason');
    await submitForm(coordinator, '/reopen');
    expect(await coordinator.textContent('.summary-list')).not.toContain('Avslutad');
    // Reopened, the referral waits for acknowledgement again; take it on and move it to Stockholm.
    await submitForm(coordinator, '/acknowledge');
    await coordinator.click('summary:text-is("Flytta till en annan kö")');
    await coordinator.selectOption('#f-queue', 'stockholm:adult');
    await coordinator.check('#f-transferReason');
    await submitForm(coordinator, '/transfer');
    expect(new URL(coordinator.url()).pathname).toBe('/queues');
    expect((await coordinator.goto(`${url}/referrals/${id}`))?.status()).toBe(404);
    await coordinator.context().close();

    const stockholm = await as('coordinator-stockholm');
    await stockholm.goto(`${url}/queues/stockholm:adult`);
    expect(await stockholm.textContent('main')).toContain(reference);
    await stockholm.context().close();
  });
});
