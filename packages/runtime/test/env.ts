// The environment the runtime's tests give a process, through vitest's vi.stubEnv so that each file puts it back
// (vi.unstubAllEnvs) instead of saving and restoring variables by hand.
import { afterAll, vi } from 'vitest';

/** The configuration every process has: config() refuses to parse without it. */
export const REQUIRED_CONFIG = {
  NRM_JWT_ISSUER: 'https://issuer.test',
  NRM_JWT_AUDIENCE: 'nrm-api',
  NRM_JWKS_URL: 'https://issuer.test/jwks.json',
} as const;

/** Sets these variables (undefined removes one) until vi.unstubAllEnvs: after the file's tests, or sooner if asked. */
export function stubEnv(variables: Readonly<Record<string, string | undefined>>): void {
  for (const [name, value] of Object.entries(variables)) vi.stubEnv(name, value);
}

/** Puts back the environment the file's stubs changed once its tests have run. */
export function unstubEnvAfterAll(): void {
  afterAll(() => {
    vi.unstubAllEnvs();
  });
}
