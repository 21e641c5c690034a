// Part of `pnpm gen`: writes the access matrix and the disclosure matrix into the README between their markers.
import { readFileSync, writeFileSync } from 'node:fs';
import { README_END, README_START, renderMatrix } from './access-matrix';
import { DISCLOSURE_END, DISCLOSURE_START, renderDisclosureMatrix } from './disclosure-matrix';

const file = new URL('../../README.md', import.meta.url);
let readme = readFileSync(file, 'utf8');
for (const [startMarker, endMarker, render] of [
  [README_START, README_END, renderMatrix],
  [DISCLOSURE_START, DISCLOSURE_END, renderDisclosureMatrix],
] as const) {
  const start = readme.indexOf(startMarker);
  const end = readme.indexOf(endMarker);
  if (start < 0 || end < start) throw new Error(`README.md lacks the ${startMarker} … ${endMarker} markers`);
  readme = `${readme.slice(0, start + startMarker.length)}\n${render()}\n${readme.slice(end)}`;
}
writeFileSync(file, readme);
console.log('wrote the access matrix and the disclosure matrix into README.md');
