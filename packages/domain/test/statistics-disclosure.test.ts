// Issue 18, what it must show 2: an attacker who knows the published cells and totals of a protected table tries to
// recover a suppressed cell by differencing — within a row or column, and with every sum of the table at once (linear
// algebra) — and fails; with primary suppression alone the same attacker succeeds, so the attack is a real one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  linesOf,
  MAX_PROTECTED_CELLS,
  type ProtectedTable,
  protectTable,
  recoverSuppressed,
  TOTAL,
  withTotals,
} from '../src';

/** The naive attacker: any row, column or pillar with one suppressed figure gives it away; repeat while it helps. */
function differencing(table: Pick<ProtectedTable, 'values' | 'cells'>): Map<string, number> {
  const known = new Map(table.cells);
  const recovered = new Map<string, number>();
  for (let progress = true; progress; ) {
    progress = false;
    for (const line of linesOf(table.values)) {
      const hidden = [...line.members, line.total].filter((k) => known.get(k) === null);
      if (hidden.length !== 1) continue;
      const [cell] = hidden as [string];
      const sum = line.members.reduce((s, k) => s + (k === cell ? 0 : (known.get(k) as number)), 0);
      const value = cell === line.total ? sum : (known.get(line.total) as number) - sum;
      known.set(cell, value);
      recovered.set(cell, value);
      progress = true;
    }
  }
  return recovered;
}

/** Primary suppression only: what a table would look like without complementary suppression. */
function primaryOnly(dimensions: string[], counts: Map<string, number>): ProtectedTable {
  const protectedTable = protectTable(dimensions, counts);
  const full = withTotals(counts, protectedTable.values);
  return {
    ...protectedTable,
    cells: new Map([...full].map(([k, n]) => [k, n > 0 && n < 3 ? null : n])),
  };
}

const counts = (rows: Record<string, number>) => new Map(Object.entries(rows));

describe('complementary suppression', () => {
  // Persons by gender × age group: one woman of unknown age.
  const table = counts({
    'female|adult': 40,
    'female|child': 9,
    'female|unknown': 1,
    'male|adult': 25,
    'male|child': 6,
    'male|unknown': 4,
  });

  it('the attacker recovers a cell below 3 from the row and column totals when only it is suppressed', () => {
    const weak = primaryOnly(['gender', 'ageGroup'], table);
    expect(weak.cells.get('female|unknown')).toBeNull();
    expect(differencing(weak).get('female|unknown')).toBe(1);
    expect(recoverSuppressed(weak).get('female|unknown')).toBe(1);
  });

  it('protected, neither differencing nor all the sums together recover any suppressed cell', () => {
    const safe = protectTable(['gender', 'ageGroup'], table);
    expect(safe.cells.get('female|unknown')).toBeNull();
    expect(safe.primary).toBe(1);
    expect(safe.complementary).toBeGreaterThan(0);
    expect(differencing(safe).size).toBe(0);
    expect(recoverSuppressed(safe).size).toBe(0);
    // What is published is true.
    const full = withTotals(table, safe.values);
    for (const [k, n] of safe.cells) if (n !== null) expect(n).toBe(full.get(k));
    expect(safe.cells.get([TOTAL, TOTAL].join('|'))).toBe(85);
  });

  it('a one-way table with one small value suppresses a second value, not just the small one', () => {
    const safe = protectTable(['purpose'], counts({ sexual: 30, labour: 12, begging: 2 }));
    expect(safe.cells.get('begging')).toBeNull();
    expect([...safe.cells.values()].filter((n) => n === null).length).toBeGreaterThanOrEqual(2);
    expect(recoverSuppressed(safe).size).toBe(0);
  });

  it('random two- and three-way tables: no suppressed cell is recoverable and every cell below 3 is hidden', () => {
    const arbitraryTable = fc
      .tuple(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.nat({ max: 12 }), { minLength: 125, maxLength: 125 }),
      )
      .map(([dims, size, ns]) => {
        const values = Array.from({ length: size }, (_, i) => `v${i}`);
        let coords: string[][] = [[]];
        for (let d = 0; d < dims; d++) coords = coords.flatMap((c) => values.map((v) => [...c, v]));
        // Skew towards small counts: most real cells of a three-way table are 0, 1 or 2.
        return {
          dimensions: Array.from({ length: dims }, (_, i) => `d${i}`),
          counts: new Map(coords.map((c, i) => [c.join('|'), ns[i]! % 4 === 0 ? ns[i]! : ns[i]! % 3])),
        };
      });
    fc.assert(
      fc.property(arbitraryTable, ({ dimensions, counts: cells }) => {
        const safe = protectTable(dimensions, cells);
        const full = withTotals(cells, safe.values);
        for (const [k, n] of full) {
          if (n > 0 && n < 3) expect(safe.cells.get(k)).toBeNull();
          else if (safe.cells.get(k) !== null) expect(safe.cells.get(k)).toBe(n);
        }
        expect(differencing(safe).size).toBe(0);
        expect(recoverSuppressed(safe).size).toBe(0);
      }),
      { numRuns: 150 },
    );
  });

  it('a table too big to protect in bounded work is refused', () => {
    const big = new Map<string, number>();
    for (let i = 0; i < 70; i++) for (let j = 0; j < 70; j++) big.set(`a${i}|b${j}`, 5);
    expect(71 * 71).toBeGreaterThan(MAX_PROTECTED_CELLS);
    expect(() => protectTable(['a', 'b'], big)).toThrow(RangeError);
  });
});
