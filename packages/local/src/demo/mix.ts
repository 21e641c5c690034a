// The 2022 mix of domain.md §1 (ages, genders, citizenships, forms of exploitation) as weighted tables, and the seeded
// draw from them: the demo year (plan.ts) and the benchmarks' synthetic year (tests/bench/dashboard-events.ts) are
// both drawn from these, so the two years stay the same mix.

/** A small deterministic generator (mulberry32), so every run with a seed draws the same numbers. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws a value from a weighted table with `rnd`. */
export function picker(rnd: () => number) {
  return <T>(weighted: readonly (readonly [T, number])[]): T => {
    let r = rnd() * weighted.reduce((s, [, w]) => s + w, 0);
    for (const [value, w] of weighted) {
      r -= w;
      if (r < 0) return value;
    }
    return weighted[weighted.length - 1]![0];
  };
}

/** About 73 % adults, 15 % children, 12 % age unknown. */
export const AGE_GROUPS = [
  ['adult', 73],
  ['child', 15],
  ['unknown', 12],
] as const;

export const GENDERS = [
  ['female', 58],
  ['male', 38],
  ['non-binary', 1],
  ['trans', 1],
  ['unknown', 2],
] as const;

/** Romania, Ukraine, Thailand, Bulgaria, Nigeria first. */
export const CITIZENSHIPS = [
  ['RO', 22],
  ['UA', 12],
  ['TH', 10],
  ['BG', 9],
  ['NG', 9],
  ['SE', 8],
  ['VN', 5],
  ['AF', 5],
  ['MA', 4],
] as const;

/** Half sexual exploitation. */
export const PURPOSES = [
  ['sexual', 46],
  ['labour', 25],
  ['begging', 8],
  ['criminal', 12],
  ['forced-marriage', 4],
  ['other', 5],
] as const;
