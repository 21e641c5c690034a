// The documented rules for a person whose referrals disagree (README, Statistics), table by table, and tables of
// persons and referrals summed from cells.
import { describe, expect, it } from 'vitest';
import { type Cell, type MemberEntry, personCell, tabulate, totalOf } from '../src';

const cell = (over: Partial<Cell> = {}): Cell => ({
  region: 'syd',
  referringType: 'police',
  gender: 'female',
  ageGroup: 'adult',
  purposes: ['sexual'],
  citizenships: ['RO'],
  ...over,
});
const entry = (referralId: string, submittedAt: string, over: Partial<Cell> = {}): MemberEntry => ({
  referralId,
  submittedAt,
  cell: cell(over),
});

describe('a person referred more than once is one person with one cell', () => {
  it.each([
    [
      'gender and age: the latest referral that knows them',
      [
        entry('a', '2026-01-01T10:00:00Z', { gender: 'female', ageGroup: 'child' }),
        entry('b', '2026-03-01T10:00:00Z', { gender: 'unknown', ageGroup: 'adult' }),
      ],
      { gender: 'female', ageGroup: 'adult' },
    ],
    [
      'region: the latest outside the national triage',
      [
        entry('a', '2026-01-01T10:00:00Z', { region: 'nord' }),
        entry('b', '2026-03-01T10:00:00Z', { region: 'national' }),
      ],
      { region: 'nord' },
    ],
    [
      'referring type: several when two types referred',
      [
        entry('a', '2026-01-01T10:00:00Z', { referringType: 'police' }),
        entry('b', '2026-03-01T10:00:00Z', { referringType: 'cso' }),
      ],
      { referringType: 'several' },
    ],
    [
      'purposes: all named; citizenship: several for two',
      [
        entry('a', '2026-01-01T10:00:00Z', { purposes: ['labour'], citizenships: ['RO'] }),
        entry('b', '2026-03-01T10:00:00Z', { purposes: ['sexual'], citizenships: ['HU', 'RO'] }),
      ],
      { purposes: ['labour', 'sexual'], citizenships: ['several'] },
    ],
    [
      'citizenship: the one known, whatever else is unknown',
      [
        entry('a', '2026-01-01T10:00:00Z', { citizenships: ['unknown'] }),
        entry('b', '2026-03-01T10:00:00Z', { citizenships: ['UA'] }),
      ],
      { citizenships: ['UA'] },
    ],
  ])('%s', (_, entries, expected) => {
    expect(personCell(entries)).toMatchObject(expected);
    // The order the referrals were counted in does not matter.
    expect(personCell([...entries].reverse())).toEqual(personCell(entries));
  });

  it('a person counts once in each of their purposes and once in the total', () => {
    const one = personCell([
      entry('a', '2026-01-01T10:00:00Z', { purposes: ['labour'] }),
      entry('b', '2026-02-01T10:00:00Z', { purposes: ['sexual'] }),
    ])!;
    const cells = [
      { cell: one, n: 1 },
      { cell: cell(), n: 2 },
    ];
    expect(Object.fromEntries(tabulate(cells, ['purpose']))).toEqual({ labour: 1, sexual: 3 });
    expect(totalOf(cells)).toBe(3);
    expect(Object.fromEntries(tabulate(cells, ['gender', 'citizenship']))).toEqual({ 'female|RO': 3 });
  });
});
