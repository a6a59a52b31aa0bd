/*
 * Which Chromium the end-to-end tests and the browser benchmarks drive, as a pure function of what
 * the machine has: MEJA_CHROMIUM if set, else Debian's /usr/bin/chromium, else the browser
 * `npx playwright install` downloaded. docs/TOOLCHAIN.md says why.
 */

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** What the machine offers, read beforehand. */
export type ChromiumCandidates = {
  /** MEJA_CHROMIUM, as set (undefined or '' when not). */
  envPath: string | undefined;
  /** Where Playwright's own download of its Chromium would be, or null where Playwright names none. */
  playwrightPath: string | null;
};

export type ChromiumSource = 'MEJA_CHROMIUM' | 'debian' | 'playwright';

export type ChromiumChoice =
  | { kind: 'found'; path: string; source: ChromiumSource }
  /** `installable`: installing Debian's package would help (not so when MEJA_CHROMIUM names a missing file). */
  | { kind: 'missing'; installable: boolean; message: string };

export const noChromiumMessage = (canInstall: boolean): string =>
  `Chromium not found (MEJA_CHROMIUM unset, no ${DEBIAN_CHROMIUM}, no browser from \`npx playwright install\`)` +
  (canInstall ? '' : ' and only root can install it here') +
  ": install Debian's package (`sudo apt-get install chromium`) or set MEJA_CHROMIUM to a Chromium executable.";

export const chooseChromium = (candidates: ChromiumCandidates, isExecutable: (path: string) => boolean): ChromiumChoice => {
  const { envPath, playwrightPath } = candidates;
  if (envPath !== undefined && envPath !== '') {
    // An explicit choice is never swapped for another browser behind the user's back.
    return isExecutable(envPath)
      ? { kind: 'found', path: envPath, source: 'MEJA_CHROMIUM' }
      : {
          kind: 'missing',
          installable: false,
          message: `MEJA_CHROMIUM=${envPath} is not an executable file: point it at a Chromium, or unset it to use ${DEBIAN_CHROMIUM}.`,
        };
  }
  if (isExecutable(DEBIAN_CHROMIUM)) return { kind: 'found', path: DEBIAN_CHROMIUM, source: 'debian' };
  if (playwrightPath !== null && isExecutable(playwrightPath)) return { kind: 'found', path: playwrightPath, source: 'playwright' };
  return { kind: 'missing', installable: true, message: noChromiumMessage(true) };
};
