// Part of `pnpm gen`: writes the access matrix into the README between its markers.
import { readFileSync, writeFileSync } from 'node:fs';
import { README_END, README_START, renderMatrix } from './access-matrix';

const file = new URL('../../README.md', import.meta.url);
const readme = readFileSync(file, 'utf8');
const start = readme.indexOf(README_START);
const end = readme.indexOf(README_END);
if (start < 0 || end < start) throw new Error(`README.md lacks the ${README_START} … ${README_END} markers`);
writeFileSync(
  file,
  `${readme.slice(0, start + README_START.length)}\n${renderMatrix()}\n${readme.slice(end)}`,
);
console.log('wrote the access matrix into README.md');
