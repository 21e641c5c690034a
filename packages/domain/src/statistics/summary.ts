// The figures people read: median, p90 and max hand-off times in hours (working and calendar), and SLA compliance.
import { exactQuantile, type Histogram, histogramQuantile } from './histogram';

const HOUR = 3_600_000;

export interface TimeFigures {
  readonly medianHours: number | null;
  readonly p90Hours: number | null;
  readonly maxHours: number | null;
}

export interface DurationFigures {
  readonly count: number;
  readonly working: TimeFigures;
  readonly calendar: TimeFigures;
}

const hours = (ms: number | undefined) => (ms === undefined ? null : Math.round((ms / HOUR) * 100) / 100);

function fromHistogram(h: Histogram): TimeFigures {
  return {
    medianHours: hours(histogramQuantile(h, 0.5)),
    p90Hours: hours(histogramQuantile(h, 0.9)),
    maxHours: h.n ? hours(h.maxMs) : null,
  };
}

function fromValues(values: readonly number[]): TimeFigures {
  return {
    medianHours: hours(exactQuantile(values, 0.5)),
    p90Hours: hours(exactQuantile(values, 0.9)),
    maxHours: values.length ? hours(Math.max(...values)) : null,
  };
}

/** Figures from stored histograms: quantiles at bucket resolution (never under-stated), max exact. */
export function durationFigures(working: Histogram, calendar: Histogram): DurationFigures {
  return { count: working.n, working: fromHistogram(working), calendar: fromHistogram(calendar) };
}

/** Exact figures from the individual durations, for small sets and for checking the histograms. */
export function exactDurationFigures(
  samples: readonly { readonly workingMs: number; readonly calendarMs: number }[],
): DurationFigures {
  return {
    count: samples.length,
    working: fromValues(samples.map((s) => s.workingMs)),
    calendar: fromValues(samples.map((s) => s.calendarMs)),
  };
}

/** Share of clocks that stopped in time, of those that stopped or breached; null when none did. */
export function slaCompliance(met: number, breached: number): number | null {
  return met + breached === 0 ? null : Math.round((met / (met + breached)) * 1000) / 1000;
}
