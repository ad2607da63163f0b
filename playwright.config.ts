/**
 * End-to-end journeys (`npm run e2e`). Two projects run the same specs:
 * - `harness`: Debian's Chromium against the loopback development harness (always available here);
 * - `electron`: the real app through Playwright's Electron support, skipped with a reason when the
 *   Electron binary is not installed (it cannot be downloaded on this project's machines).
 * Screenshots of every journey go to test-results/screenshots/<project>/ (kept out of git).
 */

import { defineConfig } from '@playwright/test';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e',
  globalSetup: './test/e2e/global-setup.ts',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  // One at a time: the machine is shared, and each test starts its own harness on a fresh data directory.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: [['list']],
  use: {
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    actionTimeout: 15_000,
    launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
    trace: 'off',
  },
  projects: [
    { name: 'harness', use: { browserName: 'chromium' } },
    { name: 'electron', use: { browserName: 'chromium' } },
  ],
});
