import { ensureChromiumOnThisMachine } from './chromium/ensureChromium';

/*
 * `npm run test:e2e` runs this before Playwright reads its config: it finds the Chromium to test
 * with, installs Debian's where it can, or says in one line what is missing and how to get it.
 */
try {
  await ensureChromiumOnThisMachine();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
