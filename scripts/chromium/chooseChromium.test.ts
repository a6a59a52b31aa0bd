import { describe, expect, it } from 'vitest';
import { chooseChromium, DEBIAN_CHROMIUM, noChromiumMessage } from './chooseChromium';

const machine =
  (...paths: string[]) =>
  (path: string) =>
    paths.includes(path);
const PLAYWRIGHT = '/root/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome';

describe('chooseChromium', () => {
  it('takes MEJA_CHROMIUM first, over Debian and Playwright', () => {
    expect(
      chooseChromium({ envPath: '/opt/chromium/chrome', playwrightPath: PLAYWRIGHT }, machine('/opt/chromium/chrome', DEBIAN_CHROMIUM, PLAYWRIGHT)),
    ).toEqual({
      kind: 'found',
      path: '/opt/chromium/chrome',
      source: 'MEJA_CHROMIUM',
    });
  });

  it("then Debian's /usr/bin/chromium, over Playwright's download", () => {
    expect(chooseChromium({ envPath: undefined, playwrightPath: PLAYWRIGHT }, machine(DEBIAN_CHROMIUM, PLAYWRIGHT))).toEqual({
      kind: 'found',
      path: DEBIAN_CHROMIUM,
      source: 'debian',
    });
  });

  it("then Playwright's own download where it is there", () => {
    expect(chooseChromium({ envPath: '', playwrightPath: PLAYWRIGHT }, machine(PLAYWRIGHT))).toEqual({ kind: 'found', path: PLAYWRIGHT, source: 'playwright' });
    expect(chooseChromium({ envPath: undefined, playwrightPath: PLAYWRIGHT }, machine()).kind).toBe('missing');
    expect(chooseChromium({ envPath: undefined, playwrightPath: null }, machine()).kind).toBe('missing');
  });

  it('never swaps a MEJA_CHROMIUM that names no executable for another browser, and says so', () => {
    expect(chooseChromium({ envPath: '/nowhere/chrome', playwrightPath: PLAYWRIGHT }, machine(DEBIAN_CHROMIUM, PLAYWRIGHT))).toEqual({
      kind: 'missing',
      installable: false,
      message: 'MEJA_CHROMIUM=/nowhere/chrome is not an executable file: point it at a Chromium, or unset it to use /usr/bin/chromium.',
    });
  });

  it("finds none: installing Debian's package would help", () => {
    expect(chooseChromium({ envPath: undefined, playwrightPath: PLAYWRIGHT }, machine('/usr/bin/chromium-browser'))).toEqual({
      kind: 'missing',
      installable: true,
      message: noChromiumMessage(true),
    });
  });
});
