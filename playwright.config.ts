import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumForConfig } from './scripts/chromium/findChromium';
import { E2E_ADMIN_PASSWORD, E2E_BASE_URL, E2E_PORT } from './tests/e2e/support/env';

// MEJA_CHROMIUM, /usr/bin/chromium or Playwright's download (`npm run test:e2e` installs Debian's
// first where it can); where there is none this says so in one line and exits.
const executablePath = chromiumForConfig();

// A database folder of this run's own, so that runs at once do not share one. The runner loads
// this file first and its workers load it again with the runner's environment: only the runner
// makes the folder (and removes it when it exits), the workers see the path. A folder given in
// MEJA_E2E_DB_DIR is used as it is and left alone.
if (process.env.MEJA_E2E_DB_DIR === undefined) {
  const dir = mkdtempSync(join(tmpdir(), 'meja-e2e-'));
  process.env.MEJA_E2E_DB_DIR = dir;
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
}
const databaseFile = join(process.env.MEJA_E2E_DB_DIR, 'meja.sqlite');

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '*.spec.ts',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: process.env.CI === 'true',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI === 'true' ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: E2E_BASE_URL,
    browserName: 'chromium',
    launchOptions: { executablePath, args: [...CHROMIUM_ARGS] },
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    serviceWorkers: 'allow',
  },
  webServer: {
    // Serves dist/renderer as built by `npm run build`; the tests build nothing.
    command: 'npx tsx server/main.ts --demo',
    // Health answers 200 only once the admin account and the demo exist (503 while starting).
    url: `${E2E_BASE_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000, // the demo grows (classes with weeks of history); a loaded machine seeds it in tens of seconds
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      MEJA_PORT: String(E2E_PORT),
      MEJA_HOST: '127.0.0.1',
      MEJA_DATABASE_URL: `sqlite:${databaseFile}`,
      MEJA_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
    },
  },
});
