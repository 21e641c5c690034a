// Starts one in-memory local platform (API, workers and the web pages) for the browser suites and tells them where
// it is. The schedule runs every few seconds so clocks and notifications move while the suites run. When the run
// ends it writes the contact sheet of the screenshots the suites took.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { startPlatform } from '@nrm/local';
import type { TestProject } from 'vitest/node';
import { CONTACT_SHEET, clearScreenshots, writeContactSheet } from './contact-sheet';

declare module 'vitest' {
  export interface ProvidedContext {
    web: { url: string };
  }
}

/**
 * The browser suites need Debian's Chromium. A fresh machine has only Node.js and Java, so the test command installs
 * it (as root, from Debian's packages) the first time; elsewhere it says what to install.
 */
function ensureChromium(): void {
  const path = process.env.NRM_CHROMIUM ?? '/usr/bin/chromium';
  if (existsSync(path)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`Chromium is not at ${path}: install it (apt-get install chromium) or set NRM_CHROMIUM`);
  }
  console.log('Installing Chromium for the browser suites (apt-get install chromium)…');
  execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'chromium'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

export default async function setup(project: TestProject) {
  ensureChromium();
  // The browser suites submit many referrals as a few demo identities; quotas are tested in tests/isolated/quotas.test.ts.
  process.env.NRM_QUOTA_ORGANISATION_PER_HOUR ??= '100000';
  process.env.NRM_QUOTA_PERSON_PER_HOUR ??= '100000';
  const platform = await startPlatform({
    port: 0,
    visibilitySeconds: 2,
    scheduleEveryMs: 5_000,
    onWorkerError: (worker, error) =>
      console.error(`[${worker}]`, error instanceof Error ? error.message : error),
  });
  project.provide('web', { url: platform.url });
  clearScreenshots();
  return async () => {
    const pages = writeContactSheet();
    if (pages > 0) console.log(`Screenshots of ${pages} pages: ${CONTACT_SHEET}`);
    await platform.stop();
  };
}
