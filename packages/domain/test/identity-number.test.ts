// Personal identity and coordination numbers as referrers type or send them. Every number here is fictitious and
// built on Skatteverket's example person "Tolvan" (19121212-1212) or on the 98x birth-number range; the check digit
// of each valid one is recomputed below so a typo in this file cannot pass as a library quirk.
import { describe, expect, it } from 'vitest';
import { parseIdentityNumber } from '../src/identity-number';

const NOW = new Date('2026-06-15T10:00:00+02:00');

// The Luhn (mod 10) check over YYMMDDNNN, as Skatteverket defines it.
function luhnCheckDigit(nineDigits: string): number {
  const sum = [...nineDigits].reduce((acc, char, i) => {
    const product = Number(char) * (i % 2 === 0 ? 2 : 1);
    return acc + (product > 9 ? product - 9 : product);
  }, 0);
  return (10 - (sum % 10)) % 10;
}

describe('parseIdentityNumber accepts', () => {
  it.each([
    // input, normalised, kind, date of birth
    ['19121212-1212', '191212121212', 'personnummer', '1912-12-12'],
    ['191212121212', '191212121212', 'personnummer', '1912-12-12'],
    ['20121212-1212', '201212121212', 'personnummer', '2012-12-12'],
    [' 19121212-1212\n', '191212121212', 'personnummer', '1912-12-12'],
    // 10 digits: '-' (or nothing) means under 100 today, '+' means 100 or older.
    ['121212-1212', '201212121212', 'personnummer', '2012-12-12'],
    ['1212121212', '201212121212', 'personnummer', '2012-12-12'],
    ['121212+1212', '191212121212', 'personnummer', '1912-12-12'],
    ['990101-9803', '199901019803', 'personnummer', '1999-01-01'],
    ['000229-9808', '200002299808', 'personnummer', '2000-02-29'],
    // The century boundary is today's date: born today, or 99 years old tomorrow, or 100 today.
    ['260615-9800', '202606159800', 'personnummer', '2026-06-15'],
    ['260616-9809', '192606169809', 'personnummer', '1926-06-16'],
    ['260615+9800', '192606159800', 'personnummer', '1926-06-15'],
    ['260616+9809', '182606169809', 'personnummer', '1826-06-16'],
    // Coordination numbers: day of birth + 60, kept as written in the normalised form.
    ['19121272-1219', '191212721219', 'samordningsnummer', '1912-12-12'],
    ['121272-1219', '201212721219', 'samordningsnummer', '2012-12-12'],
    ['121272+1219', '191212721219', 'samordningsnummer', '1912-12-12'],
    ['010161-9807', '200101619807', 'samordningsnummer', '2001-01-01'],
  ])('%j → %s (%s, born %s)', (input, normalised, kind, dateOfBirth) => {
    expect(luhnCheckDigit(normalised.slice(2, 11))).toBe(Number(normalised.slice(11)));
    expect(parseIdentityNumber(input, NOW)).toEqual({ ok: true, normalised, kind, dateOfBirth });
  });

  it('takes the century from `now`, not from the machine clock', () => {
    expect(parseIdentityNumber('121212-1212', new Date('1950-01-01T12:00:00Z'))).toMatchObject({
      normalised: '191212121212',
    });
    expect(parseIdentityNumber('121212-1212', new Date('2012-12-12T12:00:00+01:00'))).toMatchObject({
      normalised: '201212121212',
    });
    expect(parseIdentityNumber('121212-1212', new Date('2012-12-11T12:00:00+01:00'))).toMatchObject({
      normalised: '191212121212',
    });
  });

  it("uses Sweden's date, not UTC's, to decide whether someone was born today", () => {
    // 22:30 UTC on 14 June is already 00:30 on 15 June in Stockholm.
    const justAfterMidnightInStockholm = new Date('2026-06-14T22:30:00Z');
    expect(parseIdentityNumber('260615-9800', justAfterMidnightInStockholm)).toMatchObject({
      normalised: '202606159800',
      dateOfBirth: '2026-06-15',
    });
  });
});

describe('parseIdentityNumber rejects', () => {
  it.each([
    ['a wrong check digit, 12 digits', '19121212-1213', /check digit/],
    ['a wrong check digit, 10 digits', '1212121213', /check digit/],
    ['a wrong check digit on a coordination number', '121272-1212', /check digit/],
    ['29 February in a year that had none (1900, because of the +)', '000229+9808', /not a real date/],
    ['month 13', '121312-1211', /not a real date/],
    ['a coordination day past 60 + 31', '121292-1215', /not a real date/],
    ['a day between 31 and 61', '19121242-1212', /not a real date/],
    ['birth number 000', '121212-0008', /000/],
    ['a date of birth in the future', '20300101-9805', /future/],
    ['a birth year before 1800', '17991231-9804', /1800/],
    ["'+' in the 12-digit form", '19121212+1212', /10-digit/],
    ['an empty string', '', /expected/],
    ['letters', 'abcdefghij', /expected/],
    ['an interim number', '121212-T212', /expected/],
    ['eight digits', '19121212', /expected/],
    ['eleven digits', '12121212121', /expected/],
    ['a space for a separator', '19121212 1212', /expected/],
    ['separators inside the date', '1912-12-12-1212', /expected/],
    ['an en dash for a separator', '121212–1212', /expected/],
  ])('%s', (_, input, reason) => {
    const result = parseIdentityNumber(input, NOW);
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(reason) });
  });

  it('with a check digit that really is wrong', () => {
    expect(luhnCheckDigit('121212121')).not.toBe(3);
    expect(luhnCheckDigit('121272121')).not.toBe(2);
  });

  it('without repeating the number in the reason, which may end up in a log', () => {
    for (const input of ['19121212-1213', '121212-0008', '20300101-9805', '000229+9808']) {
      const result = parseIdentityNumber(input, NOW);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.reason).not.toContain(input);
        expect(result.reason).not.toContain(input.replace(/\D/g, '').slice(-10));
      }
    }
  });
});
