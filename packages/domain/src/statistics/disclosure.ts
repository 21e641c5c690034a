// Disclosure control of published tables with their totals: cells below 3 are suppressed (primary), and so many more
// (complementary) that no suppressed cell can be worked out exactly from the published cells and totals — neither by
// subtracting within one row or column nor by combining any number of them (linear algebra over all the table's sums).
import { SUPPRESSION_THRESHOLD } from './suppression';

/** The value standing for "all" in a total's coordinates. */
export const TOTAL = '*';

export interface ProtectedTable {
  readonly dimensions: readonly string[];
  /** The values of each dimension that occur, in order; totals are the coordinate `*`. */
  readonly values: readonly (readonly string[])[];
  /** Every cell and total (keys are coordinates joined with `|`): the count, or null where it is suppressed. */
  readonly cells: ReadonlyMap<string, number | null>;
  /** How many cells were suppressed as below the threshold, and how many more to protect them. */
  readonly primary: number;
  readonly complementary: number;
}

/** The biggest table (cells and totals together) one request may ask for: protection is cubic in its size. */
export const MAX_PROTECTED_CELLS = 4000;

function coordinates(values: readonly (readonly string[])[]): string[][] {
  let out: string[][] = [[]];
  for (const vs of values) out = out.flatMap((c) => [...vs, TOTAL].map((v) => [...c, v]));
  return out;
}

/** Every line of the table: a total and the cells it sums (along one dimension, the others fixed). */
export function linesOf(values: readonly (readonly string[])[]): { total: string; members: string[] }[] {
  const lines: { total: string; members: string[] }[] = [];
  for (const coord of coordinates(values)) {
    coord.forEach((v, axis) => {
      if (v !== TOTAL) return;
      lines.push({
        total: coord.join('|'),
        members: values[axis]!.map((x) => coord.map((c, i) => (i === axis ? x : c)).join('|')),
      });
    });
  }
  return lines;
}

/** The full table with every total, from counts keyed by coordinates (absent = 0). */
export function withTotals(
  counts: ReadonlyMap<string, number>,
  values: readonly (readonly string[])[],
): Map<string, number> {
  const full = new Map<string, number>();
  for (const coord of coordinates(values)) full.set(coord.join('|'), 0);
  for (const [key, n] of counts) {
    const coord = key.split('|');
    // Add the cell to every total it belongs to: each coordinate either itself or `*`.
    let targets: string[][] = [[]];
    for (const v of coord)
      targets = targets.flatMap((t) => [
        [...t, v],
        [...t, TOTAL],
      ]);
    for (const t of targets) {
      const k = t.join('|');
      if (full.has(k)) full.set(k, full.get(k)! + n);
    }
  }
  return full;
}

/**
 * Which suppressed cells an attacker can work out exactly from the published figures: a suppressed cell is determined
 * when its unit vector lies in the span of the table's sums restricted to the suppressed cells (Gaussian elimination).
 * Returns each recovered cell with the value the attacker computes.
 */
export function recoverSuppressed(table: Pick<ProtectedTable, 'values' | 'cells'>): Map<string, number> {
  const unknowns = [...table.cells.entries()].filter(([, n]) => n === null).map(([k]) => k);
  const index = new Map(unknowns.map((k, i) => [k, i]));
  const rows: { coef: number[]; rhs: number }[] = [];
  for (const line of linesOf(table.values)) {
    const coef = new Array<number>(unknowns.length).fill(0);
    let rhs = 0;
    let any = false;
    // Σ members − total = 0, with the known figures moved to the right-hand side.
    for (const [key, sign] of [...line.members.map((m) => [m, 1] as const), [line.total, -1] as const]) {
      const i = index.get(key);
      if (i === undefined) rhs -= sign * (table.cells.get(key) ?? 0);
      else {
        coef[i] = sign;
        any = true;
      }
    }
    if (any) rows.push({ coef, rhs });
  }
  // Reduced row echelon form.
  const pivots: { row: number[]; rhs: number; col: number }[] = [];
  for (const r of rows) {
    const row = [...r.coef];
    let rhs = r.rhs;
    for (const p of pivots) {
      const f = row[p.col]!;
      if (Math.abs(f) > 1e-9) {
        for (let j = 0; j < row.length; j++) row[j]! -= f * p.row[j]!;
        rhs -= f * p.rhs;
      }
    }
    const col = row.findIndex((x) => Math.abs(x) > 1e-9);
    if (col === -1) continue;
    const f = row[col]!;
    for (let j = 0; j < row.length; j++) row[j]! /= f;
    rhs /= f;
    for (const p of pivots) {
      const g = p.row[col]!;
      if (Math.abs(g) > 1e-9) {
        for (let j = 0; j < row.length; j++) p.row[j]! -= g * row[j]!;
        p.rhs -= g * rhs;
      }
    }
    pivots.push({ row, rhs, col });
  }
  const recovered = new Map<string, number>();
  for (const p of pivots) {
    // A pivot row with no other unknown left is the cell itself.
    if (p.row.every((x, j) => j === p.col || Math.abs(x) < 1e-9)) {
      recovered.set(unknowns[p.col]!, Math.round(p.rhs));
    }
  }
  return recovered;
}

type Order = (dimension: string, a: string, b: string) => number;

/** The values each dimension takes in non-zero cells, ordered; refuses a table too big for bounded work. */
function valuesPresent(
  dimensions: readonly string[],
  counts: ReadonlyMap<string, number>,
  order: Order,
): string[][] {
  const present = dimensions.map(() => new Set<string>());
  for (const [key, n] of counts) {
    if (n === 0) continue;
    for (const [i, v] of key.split('|').entries()) present[i]!.add(v);
  }
  const values = present.map((s, i) => [...s].sort((a, b) => order(dimensions[i]!, a, b)));
  const size = values.reduce((p, vs) => p * (vs.length + 1), 1);
  if (size > MAX_PROTECTED_CELLS) {
    throw new RangeError(`A table has at most ${MAX_PROTECTED_CELLS} cells and totals`);
  }
  return values;
}

/** Values in name order, when the table's dimensions have no order of their own. */
const byName: Order = (_, a, b) => a.localeCompare(b);

/**
 * Publishes a table of counts (keyed by coordinates joined with `|`) with all its totals: cells of 1 or 2 are
 * suppressed, and in every row, column and pillar where that would leave one suppressed figure, the smallest other
 * non-zero figure is suppressed too; then, while any suppressed cell can still be solved for from all the sums
 * together, one more figure beside it is suppressed. Zeros are published: they say nothing about anyone.
 */
export function protectTable(
  dimensions: readonly string[],
  counts: ReadonlyMap<string, number>,
  order: Order = byName,
): ProtectedTable {
  const values = valuesPresent(dimensions, counts, order);
  const full = withTotals(counts, values);
  const suppressed = new Set<string>();
  for (const [key, n] of full) if (n > 0 && n < SUPPRESSION_THRESHOLD) suppressed.add(key);
  const primary = suppressed.size;
  const lines = linesOf(values);
  const linesOfCell = new Map<string, { total: string; members: string[] }[]>();
  for (const line of lines) {
    for (const k of [...line.members, line.total]) {
      const list = linesOfCell.get(k) ?? [];
      list.push(line);
      linesOfCell.set(k, list);
    }
  }
  // The smallest published non-zero figure of a line, cells before totals (a total hides more when suppressed).
  const partnerIn = (line: { total: string; members: string[] }) =>
    [...line.members, line.total]
      .filter((k) => !suppressed.has(k) && full.get(k)! > 0)
      .sort(
        (a, b) => (a === line.total ? 1 : 0) - (b === line.total ? 1 : 0) || full.get(a)! - full.get(b)!,
      )[0];
  const publish = () =>
    new Map([...full.entries()].map(([k, n]) => [k, suppressed.has(k) ? null : n] as const));
  for (;;) {
    let changed = false;
    for (const line of lines) {
      const hidden = [...line.members, line.total].filter((k) => suppressed.has(k)).length;
      if (hidden !== 1) continue;
      const partner = partnerIn(line);
      if (partner) {
        suppressed.add(partner);
        changed = true;
      }
    }
    if (changed) continue;
    const recovered = recoverSuppressed({ values, cells: publish() });
    if (!recovered.size) break;
    for (const key of recovered.keys()) {
      for (const line of linesOfCell.get(key) ?? []) {
        const partner = partnerIn(line);
        if (partner) {
          suppressed.add(partner);
          changed = true;
          break;
        }
      }
    }
    if (changed) continue;
    // Every line of the recovered cells is hidden or zero beside them: hide the smallest figure of any line that
    // holds a suppressed one. Each round hides one more, and a table with every non-zero figure hidden gives nothing.
    const fallback = lines
      .filter((line) => [...line.members, line.total].some((k) => suppressed.has(k)))
      .map(partnerIn)
      .filter((k): k is string => k !== undefined)
      .sort((a, b) => full.get(a)! - full.get(b)!)[0];
    if (!fallback) break;
    suppressed.add(fallback);
  }
  return {
    dimensions,
    values,
    cells: publish(),
    primary,
    complementary: suppressed.size - primary,
  };
}

/** The table as it is (nothing suppressed), in the same shape: for the national coordinator's own screen. */
export function unprotectedTable(
  ...[dimensions, counts, order = byName]: Parameters<typeof protectTable>
): ProtectedTable {
  const values = valuesPresent(dimensions, counts, order);
  return { dimensions, values, cells: withTotals(counts, values), primary: 0, complementary: 0 };
}
