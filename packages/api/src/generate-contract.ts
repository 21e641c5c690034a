// `pnpm gen`: writes the contract files into schemas/generated/; a unit test fails when they are out of date.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { contractArtifacts } from './contract';

const dir = fileURLToPath(new URL('../../../schemas/generated/', import.meta.url));
mkdirSync(dir, { recursive: true });
for (const [file, content] of Object.entries(contractArtifacts())) {
  writeFileSync(`${dir}${file}`, content);
  console.log(`wrote schemas/generated/${file}`);
}
