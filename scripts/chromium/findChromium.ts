import { accessSync, constants, statSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { chooseChromium, type ChromiumChoice } from './chooseChromium';

/** The flags every launch uses: headless, no sandbox (CI runs as root), and nothing that phones home. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

export const isExecutableFile = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

const playwrightDownloadPath = (): string | null => {
  try {
    return chromium.executablePath();
  } catch {
    return null;
  }
};

/** chooseChromium on this machine; installs nothing. */
export const findChromium = (env: NodeJS.ProcessEnv = process.env): ChromiumChoice =>
  chooseChromium({ envPath: env.MEJA_CHROMIUM, playwrightPath: playwrightDownloadPath() }, isExecutableFile);

/**
 * For playwright.config.ts, which cannot wait for an install: the Chromium to launch, or one line
 * on stderr and exit 1. `npm run test:e2e` runs scripts/ensureChromium.ts first, which installs one
 * where it can.
 */
export const chromiumForConfig = (): string => {
  const choice = findChromium();
  if (choice.kind === 'found') return choice.path;
  process.stderr.write(`${choice.message} (\`npm run test:e2e\` installs it by itself where it runs as root on Debian.)\n`);
  process.exit(1);
};
