// Part of `pnpm gen`: writes the access matrix and the disclosure matrix into the README between their markers.
import { readFileSync, writeFileSync } from 'node:fs';
import { README_END, README_START, renderMatrix } from './access-matrix';
import { DISCLOSURE_END, DISCLOSURE_START, renderDisclosureMatrix } from './disclosure-matrix';
import { README, withSection } from './readme';

let readme = readFileSync(README, 'utf8');
for (const [startMarker, endMarker, render] of [
  [README_START, README_END, renderMatrix],
  [DISCLOSURE_START, DISCLOSURE_END, renderDisclosureMatrix],
] as const) {
  readme = withSection(readme, startMarker, endMarker, render());
}
writeFileSync(README, readme);
console.log('wrote the access matrix and the disclosure matrix into README.md');
