// The committed contract files are what the code generates: run `pnpm gen` after changing a schema or a route.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contractArtifacts } from '../src/contract';

describe('generated contract', () => {
  const artifacts = contractArtifacts();
  it.each(Object.keys(artifacts))('schemas/generated/%s is up to date', (file) => {
    const committed = readFileSync(new URL(`../../../schemas/generated/${file}`, import.meta.url), 'utf8');
    expect(committed).toBe(artifacts[file]);
  });

  it('documents every fixed endpoint of api.md', () => {
    const paths = Object.keys(JSON.parse(artifacts['openapi.json']!).paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/v1/referrals', '/v1/referrals/{id}', '/v1/queues/{queue}/referrals']),
    );
  });

  it('rejects unknown fields in the referral schema', () => {
    const schema = JSON.parse(artifacts['referral.v1.schema.json']!);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.person.additionalProperties).toBe(false);
  });
});
