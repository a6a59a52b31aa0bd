import type { AppUpdater } from 'electron-updater';
import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { checkUpdateUrl, startUpdates, UPDATE_CHECK_INTERVAL_MS, type AppUpdaterLike, type UpdaterLog } from './updater';

const HOUR = 60 * 60_000;

/** An updater that records its settings and checks; `failWith` makes the next checks reject. */
const fakeUpdater = () => {
  const errorListeners: Array<(error: Error) => void> = [];
  const state = { feeds: [] as unknown[], checks: 0, failWith: null as Error | null, throwOnCheck: false };
  const updater: AppUpdaterLike = {
    autoDownload: false,
    logger: null,
    setFeedURL: (feed) => state.feeds.push(feed),
    checkForUpdates: () => {
      state.checks += 1;
      if (state.throwOnCheck) throw new Error('not packed');
      return state.failWith === null ? Promise.resolve(null) : Promise.reject(state.failWith);
    },
    on: (_event, listener) => errorListeners.push(listener),
  };
  return { updater, state, emitError: (error: Error) => errorListeners.forEach((listener) => listener(error)) };
};

const memoryLog = () => {
  const lines: string[] = [];
  const log: UpdaterLog = {
    info: (message) => lines.push(`info ${message}`),
    warn: (message) => lines.push(`warn ${message}`),
    error: (message) => lines.push(`error ${message}`),
  };
  return { log, lines };
};

describe('update URL', () => {
  it('accepts https anywhere and http only on this machine', () => {
    expect(checkUpdateUrl('https://updates.example.com/meja/')).toEqual({ ok: true, url: 'https://updates.example.com/meja/' });
    expect(checkUpdateUrl(' http://localhost:8080/u ')).toEqual({ ok: true, url: 'http://localhost:8080/u' });
    expect(checkUpdateUrl('http://127.0.0.1/u').ok).toBe(true);
    expect(checkUpdateUrl('http://[::1]:9000/').ok).toBe(true);
    // The same rule as the sign-in's (shared/network/transportSecurity.ts): all of 127/8 is this machine.
    expect(checkUpdateUrl('http://127.8.0.1/u').ok).toBe(true);
  });

  it('refuses nothing, plain http elsewhere, other schemes, credentials and garbage', () => {
    for (const value of [
      undefined,
      '',
      '   ',
      'http://updates.example.com/',
      'http://localhost.example.com/',
      'http://[::ffff:127.0.0.1]/',
      'ftp://example.com/',
      'file:///tmp/u',
      'https://me:pw@example.com/',
      'not a url',
    ]) {
      expect(checkUpdateUrl(value), String(value)).toMatchObject({ ok: false });
    }
  });
});

describe('updates', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fits electron-updater', () => {
    expectTypeOf<AppUpdater>().toExtend<AppUpdaterLike>();
  });

  it('stays off without a URL and says so', () => {
    const { updater, state } = fakeUpdater();
    const { log, lines } = memoryLog();
    startUpdates({ updater, url: undefined, log });
    vi.advanceTimersByTime(24 * HOUR);
    expect(state).toMatchObject({ feeds: [], checks: 0 });
    expect(lines).toEqual(['info updates off: no update URL is configured (MEJA_UPDATE_URL)']);
  });

  it('stays off with a URL it refuses', () => {
    const { updater, state } = fakeUpdater();
    const { log, lines } = memoryLog();
    startUpdates({ updater, url: 'http://updates.example.com/', log });
    expect(state.checks).toBe(0);
    expect(lines[0]).toMatch(/^info updates off: the update URL must use https/);
  });

  it('sets a generic feed, downloads automatically, checks at start and every 6 hours until stopped', () => {
    const { updater, state } = fakeUpdater();
    const { log } = memoryLog();
    const stop = startUpdates({ updater, url: 'https://updates.example.com/meja', log });
    expect(state.feeds).toEqual([{ provider: 'generic', url: 'https://updates.example.com/meja' }]);
    expect(updater.autoDownload).toBe(true);
    expect(updater.logger).toBe(log);
    expect(state.checks).toBe(1);
    expect(UPDATE_CHECK_INTERVAL_MS).toBe(6 * HOUR);
    vi.advanceTimersByTime(6 * HOUR - 1);
    expect(state.checks).toBe(1);
    vi.advanceTimersByTime(1);
    expect(state.checks).toBe(2);
    vi.advanceTimersByTime(12 * HOUR);
    expect(state.checks).toBe(4);
    stop();
    vi.advanceTimersByTime(24 * HOUR);
    expect(state.checks).toBe(4);
  });

  it('logs failed checks, thrown checks and error events, and never throws', async () => {
    const { updater, state, emitError } = fakeUpdater();
    const { log, lines } = memoryLog();
    state.failWith = new Error('503 from the update server');
    startUpdates({ updater, url: 'https://updates.example.com/', log, intervalMs: HOUR });
    await vi.advanceTimersByTimeAsync(0);
    expect(lines).toContain('error update check failed: 503 from the update server');
    state.throwOnCheck = true;
    expect(() => vi.advanceTimersByTime(HOUR)).not.toThrow();
    expect(lines).toContain('error update check failed: not packed');
    emitError(new Error('sha512 checksum mismatch'));
    expect(lines).toContain('error update failed: sha512 checksum mismatch');
  });
});
