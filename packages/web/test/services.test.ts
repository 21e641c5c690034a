// The referral page's clocks, permits and services forms (issue 14): what each checks before the API is asked, that
// what it sends is what the API's contract accepts, where the API's refusal is shown, and the permit's countdown
// counted in Stockholm days from the page's clock.
import {
  PauseClockRequest,
  PermitApplicationRequest,
  PermitDecisionRequest,
  PermitExtensionRequest,
  PermitRevocationRequest,
  ServiceEndRequest,
} from '@nrm/schemas';
import { describe, expect, it } from 'vitest';
import { translator } from '../src/i18n/messages';
import type { PageContext } from '../src/page-context';
import { type PermitView, permitCountdown } from '../src/pages/services';
import { checkForm, formValues, refusalErrors, sectionForm } from '../src/pages/services-forms';

const t = translator('sv');
const REFERRAL = '01JREFERRAL0000000000000000';
const PERMIT = '01JPERMIT00000000000000000';

const form = (section: string, item?: string, action?: string) => {
  const found = sectionForm(REFERRAL, section, item, action);
  if (!found) throw new Error(`no form ${section}/${item}/${action}`);
  return found;
};
/** The form's values as a browser posts them: by the item's field names. */
const posted = (f: ReturnType<typeof form>, values: Record<string, string>) =>
  formValues(f, (name) => values[name.slice(f.prefix.length)] ?? '');

describe('the section forms', () => {
  it.each([
    ['clocks', 'owner-gap-2', 'pause', { reason: 'in-hospital' }, PauseClockRequest],
    [
      'clocks',
      'owner-gap-2',
      'pause',
      { reason: 'other', comment: 'Personen är utomlands.' },
      PauseClockRequest,
    ],
    [
      'permits',
      undefined,
      undefined,
      { kind: 'reflection-period', appliedBy: 'social-services', appliedOn: '2026-11-30' },
      PermitApplicationRequest,
    ],
    ['permits', PERMIT, 'decision', { decision: 'granted', decidedOn: '2026-11-30' }, PermitDecisionRequest],
    [
      'permits',
      PERMIT,
      'decision',
      { decision: 'refused', decidedOn: '2026-11-30', validUntil: '2026-12-30' },
      PermitDecisionRequest,
    ],
    [
      'permits',
      PERMIT,
      'extension',
      { decidedOn: '2026-11-30', validUntil: '2027-06-30' },
      PermitExtensionRequest,
    ],
    ['permits', PERMIT, 'revocation', { decidedOn: '2026-11-30' }, PermitRevocationRequest],
    ['services', 'HANDOFF', 'end', { outcome: 'completed', comment: '' }, ServiceEndRequest],
  ] as const)('%s/%s/%s sends what the contract accepts: %o', (section, item, action, values, schema) => {
    const f = form(section, item, action);
    const read = posted(f, values);
    expect(checkForm(f, read, t)).toEqual([]);
    expect(schema.safeParse(f.body(read)).success).toBe(true);
  });

  it('a refused decision sends no validity, a granted one its dates', () => {
    const f = form('permits', PERMIT, 'decision');
    const values = { decidedOn: '2026-11-30', validFrom: '2026-12-01', validUntil: '2026-12-31' };
    expect(f.body(posted(f, { ...values, decision: 'refused' }))).toEqual({
      decision: 'refused',
      decidedOn: '2026-11-30',
    });
    expect(f.body(posted(f, { ...values, decision: 'granted' }))).toEqual({ ...values, decision: 'granted' });
  });

  it.each([
    ['no reason', 'clocks', 'c-1', 'pause', {}, 'pause-c-1-reason', 'Välj skäl'],
    [
      'another reason without a comment',
      'clocks',
      'c-1',
      'pause',
      { reason: 'other' },
      'pause-c-1-comment',
      'Skriv varför tidsgränsen pausas när skälet är Annat skäl',
    ],
    [
      'no kind',
      'permits',
      undefined,
      undefined,
      { appliedBy: 'social-services', appliedOn: '2026-11-30' },
      'permit-kind',
      'Välj tillstånd',
    ],
    [
      'a date not written as one',
      'permits',
      PERMIT,
      'extension',
      { decidedOn: '30/11/2026', validUntil: '2027-01-01' },
      `extension-${PERMIT}-decidedOn`,
      'Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2009-05-01',
    ],
    ['no outcome', 'services', 'H', 'end', {}, 'end-H-outcome', 'Välj utfall'],
  ] as const)('refuses %s at its field', (_, section, item, action, values, field, text) => {
    const f = form(section, item, action);
    expect(checkForm(f, posted(f, values), t)).toEqual([{ field, text }]);
  });

  it('has no form for an unknown section or action', () => {
    expect(sectionForm(REFERRAL, 'clocks', 'c-1', 'stop')).toBeUndefined();
    expect(sectionForm(REFERRAL, 'clocks', undefined, undefined)).toBeUndefined();
  });

  it("shows a 422's detail at the field it names, and a 400's errors at theirs", () => {
    const f = form('permits', PERMIT, 'extension');
    const detail =
      'An exit-plan permit holds at most 2 years in total: it can be extended through 2028-11-29.';
    expect(
      refusalErrors(f, { status: 422, detail, errors: [{ path: 'validUntil', message: detail }] }, t),
    ).toEqual([{ field: `extension-${PERMIT}-validUntil`, text: `Uppgiften godtogs inte: ${detail}` }]);
    expect(
      refusalErrors(f, { status: 400, errors: [{ path: 'somethingElse', message: 'unknown field' }] }, t),
    ).toEqual([
      {
        field: `extension-${PERMIT}-decidedOn`,
        text: 'Uppgiften godtogs inte: somethingElse: unknown field',
      },
    ]);
  });
});

describe("a permit's countdown", () => {
  // 22:30 UTC on 30 November is 23:30 in Stockholm; 23:30 UTC is already 1 December there.
  const at = (iso: string) => ({ t, lang: 'sv', now: new Date(iso) }) as unknown as PageContext;
  const granted = (validUntil: string): PermitView => ({
    id: PERMIT,
    kind: 'reflection-period',
    appliedBy: 'social-services',
    appliedOn: '2026-11-01',
    status: 'granted',
    validUntil,
    extensions: 0,
  });
  it.each([
    ['2026-12-29', '2026-11-30T22:30:00Z', 'Upphör om 30 dagar'],
    ['2026-12-29', '2026-11-30T23:30:00Z', 'Upphör om 29 dagar'],
    ['2026-12-01', '2026-11-30T12:00:00Z', 'Upphör om 2 dagar'],
    ['2026-11-30', '2026-11-30T12:00:00Z', 'Upphör vid midnatt i natt'],
    ['2026-11-29', '2026-11-30T12:00:00Z', 'Har upphört'],
  ])('valid until %s, at %s: %s', (validUntil, now, text) => {
    expect(permitCountdown(granted(validUntil), at(now))).toBe(text);
  });
  it('counts nothing for a permit not in force', () => {
    expect(permitCountdown({ ...granted('2026-12-29'), status: 'revoked' }, at('2026-11-30T12:00:00Z'))).toBe(
      undefined,
    );
  });
});
