// The joint cells behind every published table (issue 18): each presumed victim's referral, and each person, sits in
// exactly one cell of (region × referring type × gender × age group × purposes × citizenships), so any one-, two- or
// three-way table is a sum over cells, for referrals and for persons alike. Accompanying children are not in these
// cells: they are counted in the related-children table (where they are), as the yearly publication does.
import type { ReferralState } from '../referral';

/** The dimensions a table may be cut by. `purpose` and, for referrals, `citizenship` may hold several values. */
export const TABLE_DIMENSIONS = [
  'purpose',
  'gender',
  'ageGroup',
  'citizenship',
  'region',
  'referringType',
] as const;
export type TableDimension = (typeof TABLE_DIMENSIONS)[number];

/** Whom a table counts: referrals (each received referral once) or persons (each person once per period). */
export const COUNTING_UNITS = ['referrals', 'persons'] as const;
export type CountingUnit = (typeof COUNTING_UNITS)[number];

export interface Cell {
  readonly region: string;
  readonly referringType: string;
  readonly gender: string;
  readonly ageGroup: string;
  /** Sorted, at least one ('unknown' when none was given). */
  readonly purposes: readonly string[];
  /** Sorted, at least one. A person's is always exactly one: the citizenship, `several` or `unknown`. */
  readonly citizenships: readonly string[];
}

/** What a person's cell is made of: one entry per referral of the person received in the period. */
export interface MemberEntry {
  readonly referralId: string;
  readonly submittedAt: string;
  readonly cell: Cell;
}

export const UNKNOWN = 'unknown';
/** The value of a person whose referrals disagree where taking the latest would be arbitrary. */
export const SEVERAL = 'several';

const sorted = (values: readonly string[]) => [...new Set(values)].sort();

/** The referral's cell from its facts now; undefined for an accompanying child (counted as a related child). */
export function referralCell(state: ReferralState, region: string | null): Cell | undefined {
  if (state.parentReferralId) return undefined;
  const { facts } = state;
  return {
    region: region ?? 'national',
    referringType: state.referrer.organisationType,
    gender: facts.gender || UNKNOWN,
    ageGroup: facts.ageGroup,
    purposes: facts.purposes.length ? sorted(facts.purposes) : [UNKNOWN],
    citizenships: facts.citizenships.length ? sorted(facts.citizenships) : [UNKNOWN],
  };
}

/**
 * The person's cell from all their referrals in a period — the documented rules (README, Statistics):
 * - gender, age group: the latest referral that knows it (a later "unknown" does not undo what was known);
 * - region: the latest referral's region outside the national triage, else national;
 * - referring type: the one type if every referral came from the same type of organisation, else `several`;
 * - purposes: every purpose any referral named (a person counts once in each purpose, once in total);
 * - citizenship: exactly one value — the one known citizenship, `several` for two or more, else `unknown`.
 * "Latest" is by submission time (then referral id), never by the order events happen to be counted in.
 */
export function personCell(entries: readonly MemberEntry[]): Cell | undefined {
  if (!entries.length) return undefined;
  const ordered = [...entries].sort((a, b) =>
    a.submittedAt === b.submittedAt
      ? a.referralId.localeCompare(b.referralId)
      : a.submittedAt.localeCompare(b.submittedAt),
  );
  const latestKnown = (pick: (c: Cell) => string, unknown: string) => {
    for (let i = ordered.length - 1; i >= 0; i--) {
      const value = pick(ordered[i]!.cell);
      if (value !== unknown) return value;
    }
    return unknown;
  };
  const types = sorted(ordered.map((e) => e.cell.referringType));
  const purposes = sorted(ordered.flatMap((e) => e.cell.purposes));
  const known = purposes.filter((p) => p !== UNKNOWN);
  const citizenships = sorted(ordered.flatMap((e) => e.cell.citizenships)).filter((c) => c !== UNKNOWN);
  return {
    region: latestKnown((c) => c.region, 'national'),
    referringType: types.length === 1 ? types[0]! : SEVERAL,
    gender: latestKnown((c) => c.gender, UNKNOWN),
    ageGroup: latestKnown((c) => c.ageGroup, UNKNOWN),
    purposes: known.length ? known : [UNKNOWN],
    citizenships:
      citizenships.length === 0 ? [UNKNOWN] : citizenships.length === 1 ? citizenships : [SEVERAL],
  };
}

/** A cell as a sort key: codes never hold `|` or `+`. */
export function cellKey(cell: Cell): string {
  return [
    cell.region,
    cell.referringType,
    cell.gender,
    cell.ageGroup,
    cell.purposes.join('+'),
    cell.citizenships.join('+'),
  ].join('|');
}

export function cellOfKey(key: string): Cell {
  const [region, referringType, gender, ageGroup, purposes, citizenships] = key.split('|') as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  return {
    region,
    referringType,
    gender,
    ageGroup,
    purposes: purposes.split('+'),
    citizenships: citizenships.split('+'),
  };
}

export const sameCell = (a: Cell | undefined, b: Cell | undefined) =>
  (a === undefined ? '' : cellKey(a)) === (b === undefined ? '' : cellKey(b));

/** The values a cell holds in a dimension: one, or several for purposes and a referral's citizenships. */
export function valuesOf(cell: Cell, dimension: TableDimension): readonly string[] {
  switch (dimension) {
    case 'purpose':
      return cell.purposes;
    case 'citizenship':
      return cell.citizenships;
    default:
      return [cell[dimension]];
  }
}

/** A stored cell and how many referrals or persons it holds. */
export interface CountedCell {
  readonly cell: Cell;
  readonly n: number;
}

/**
 * Counts by the chosen dimensions (one to three), keyed by the values joined with `|`. A cell with several values in
 * a dimension adds to each of them, so a table over `purpose` counts a person once in each of their purposes.
 */
export function tabulate(
  cells: readonly CountedCell[],
  dimensions: readonly TableDimension[],
): Map<string, number> {
  const out = new Map<string, number>();
  for (const { cell, n } of cells) {
    if (n === 0) continue;
    let combos: string[][] = [[]];
    for (const d of dimensions) combos = combos.flatMap((c) => valuesOf(cell, d).map((v) => [...c, v]));
    for (const combo of combos) {
      const key = combo.join('|');
      out.set(key, (out.get(key) ?? 0) + n);
    }
  }
  return out;
}

/** Distinct referrals or persons in the cells: a total that counts each once, whatever their purposes. */
export function totalOf(cells: readonly CountedCell[]): number {
  return cells.reduce((sum, c) => sum + c.n, 0);
}
