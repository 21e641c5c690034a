// The README's generated sections: each stands between a start and an end marker. `pnpm gen` writes them
// (render-readme.ts) and the suites that check the running API against a matrix read them back.
import { readFileSync } from 'node:fs';

export const README = new URL('../../README.md', import.meta.url);

/** Where the section between the two markers stands in `readme`; throws when either marker is missing. */
function bounds(readme: string, startMarker: string, endMarker: string): { start: number; end: number } {
  const start = readme.indexOf(startMarker);
  const end = readme.indexOf(endMarker);
  if (start < 0 || end < start) throw new Error(`README.md lacks the ${startMarker} … ${endMarker} markers`);
  return { start: start + startMarker.length, end };
}

/** The README's section between the two markers, trimmed. */
export function readmeSection(startMarker: string, endMarker: string): string {
  const readme = readFileSync(README, 'utf8');
  const { start, end } = bounds(readme, startMarker, endMarker);
  return readme.slice(start, end).trim();
}

/** `readme` with the section between the two markers replaced by `body`. */
export function withSection(readme: string, startMarker: string, endMarker: string, body: string): string {
  const { start, end } = bounds(readme, startMarker, endMarker);
  return `${readme.slice(0, start)}\n${body}\n${readme.slice(end)}`;
}
