import { describe, expect, it } from 'vitest';
import { checkpointIsGenuine, signCheckpoint } from '../src/audit-seal';

const KEY = 'a-seal-key-of-enough-length';
const checkpoint = {
  subject: 'referral:01ABC',
  seq: 7,
  hash: 'f'.repeat(64),
  sealedAt: '2026-11-30T02:00:00.000Z',
};

describe('audit checkpoints', () => {
  it('verify with the key that signed them', () => {
    expect(checkpointIsGenuine(signCheckpoint(checkpoint, KEY), KEY)).toBe(true);
  });

  it.each([
    ['another hash', { hash: 'e'.repeat(64) }],
    ['another seq', { seq: 8 }],
    ['another subject', { subject: 'referral:01ABD' }],
    ['another time', { sealedAt: '2026-11-30T02:05:00.000Z' }],
    ['a malformed signature', { mac: 'not-hex' }],
  ])('are forged once they carry %s', (_, change) => {
    expect(checkpointIsGenuine({ ...signCheckpoint(checkpoint, KEY), ...change }, KEY)).toBe(false);
  });

  it('are forged when signed with any other key (the API cannot read the seal key)', () => {
    expect(checkpointIsGenuine(signCheckpoint(checkpoint, 'some-other-key-of-length'), KEY)).toBe(false);
  });
});
