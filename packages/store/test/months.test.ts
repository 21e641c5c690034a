// The months a statistics day range reads: counted as numbers, bounded, never walked past a bad end.
import { describe, expect, it } from 'vitest';
import { MAX_RANGE_MONTHS, monthsBetween } from '../src/statistics';

describe('monthsBetween', () => {
  it('lists the months of a range across a year end', () => {
    expect(monthsBetween('2025-11-15', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('refuses a range longer than the limit, an inverted one and an invalid month instead of looping', () => {
    expect(monthsBetween('2024-01-01', '2026-12-31')).toHaveLength(MAX_RANGE_MONTHS);
    expect(() => monthsBetween('2024-01-01', '2027-01-01')).toThrow(RangeError);
    expect(() => monthsBetween('2026-05-01', '2026-04-30')).toThrow(RangeError);
    expect(() => monthsBetween('2026-01-01', '9999-99-99')).toThrow(RangeError);
    expect(() => monthsBetween('1000-01-01', '2999-12-31')).toThrow(RangeError);
  });
});
