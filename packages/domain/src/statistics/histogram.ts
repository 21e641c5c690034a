// Hand-off time histograms: fixed, log-spaced bucket boundaries, so histograms from any day, region or group add up
// by adding counts, and median/p90 of any merge are read from the merged counts.

/** Upper bounds (inclusive) in minutes; the last bucket takes everything longer. Never change: stored counts use them. */
export const BUCKET_BOUNDS_MINUTES = [
  1, 2, 5, 10, 15, 30, 45, 60, 90, 120, 180, 240, 360, 480, 720, 1080, 1440, 2160, 2880, 4320, 5760, 7200,
  10080, 14400, 20160, 30240, 43200, 86400,
] as const;
export const BUCKET_COUNT = BUCKET_BOUNDS_MINUTES.length + 1;

const MINUTE = 60_000;

export function bucketOf(millis: number): number {
  const minutes = millis / MINUTE;
  const index = BUCKET_BOUNDS_MINUTES.findIndex((bound) => minutes <= bound);
  return index === -1 ? BUCKET_BOUNDS_MINUTES.length : index;
}

/** Counts per bucket plus the exact count, sum and maximum (milliseconds). */
export interface Histogram {
  readonly counts: readonly number[];
  readonly n: number;
  readonly sumMs: number;
  readonly maxMs: number;
}

export const EMPTY_HISTOGRAM: Histogram = {
  counts: Array.from({ length: BUCKET_COUNT }, () => 0),
  n: 0,
  sumMs: 0,
  maxMs: 0,
};

export function histogramOf(values: readonly number[]): Histogram {
  return values.reduce<Histogram>((h, v) => addSample(h, v), EMPTY_HISTOGRAM);
}

export function addSample(h: Histogram, millis: number): Histogram {
  const counts = [...h.counts];
  counts[bucketOf(millis)]! += 1;
  return { counts, n: h.n + 1, sumMs: h.sumMs + millis, maxMs: Math.max(h.maxMs, millis) };
}

export function mergeHistograms(histograms: readonly Histogram[]): Histogram {
  return histograms.reduce<Histogram>(
    (a, b) => ({
      counts: a.counts.map((c, i) => c + (b.counts[i] ?? 0)),
      n: a.n + b.n,
      sumMs: a.sumMs + b.sumMs,
      maxMs: Math.max(a.maxMs, b.maxMs),
    }),
    EMPTY_HISTOGRAM,
  );
}

/** Nearest-rank quantile (the ⌈q·n⌉-th smallest value) of exact values; undefined for none. */
export function exactQuantile(values: readonly number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

/**
 * The same nearest-rank quantile read from a histogram: the upper bound of the bucket the rank falls in, never more
 * than the exact maximum. It over-states by at most one bucket's width, never under-states.
 */
export function histogramQuantile(h: Histogram, q: number): number | undefined {
  if (h.n === 0) return undefined;
  const rank = Math.max(1, Math.ceil(q * h.n));
  let seen = 0;
  for (let i = 0; i < h.counts.length; i++) {
    seen += h.counts[i] ?? 0;
    if (seen >= rank) {
      const bound = BUCKET_BOUNDS_MINUTES[i];
      return bound === undefined ? h.maxMs : Math.min(bound * MINUTE, h.maxMs);
    }
  }
  return h.maxMs;
}
