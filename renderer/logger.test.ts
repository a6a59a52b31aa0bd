import { afterEach, describe, expect, it, vi } from 'vitest';
import { requestArgs } from '../shared/ipc/contract';
import { makeStandInBridge } from './desktop/standInBridge';
import { createLogger, forwardedMessage, logScope } from './logger';

const holder = globalThis as { meja?: unknown };

afterEach(() => {
  delete holder.meja;
  vi.restoreAllMocks();
});

const quiet = () => {
  for (const level of ['debug', 'info', 'warn', 'error'] as const) vi.spyOn(console, level).mockImplementation(() => undefined);
};

describe('logScope', () => {
  it.each([
    ['sync', 'sync'],
    ['Desktop Sync', 'desktop-sync'],
    ['  42 Queue  ', 'queue-'],
    ['x'.repeat(40), 'x'.repeat(32)],
    ['日本', 'renderer'],
  ])('turns %j into %j, which log:write accepts', (scope, expected) => {
    expect(logScope(scope)).toBe(expected);
    expect(requestArgs['log:write'].safeParse({ level: 'warn', scope: logScope(scope), message: 'm' }).success).toBe(true);
  });
});

describe('the logger in the desktop app', () => {
  it('forwards warnings and errors to log:write, not debug or info', async () => {
    quiet();
    const main = makeStandInBridge({ 'log:write': () => null });
    holder.meja = main.bridge;
    const log = createLogger('Sync', 'debug');
    log.debug('d');
    log.info('i');
    log.warn('pull failed', new Error('socket hang up'));
    log.error('cannot open the cache', { code: 7 });
    await Promise.resolve();
    expect(main.calls).toEqual([
      { channel: 'log:write', args: { level: 'warn', scope: 'sync', message: 'pull failed: socket hang up' } },
      { channel: 'log:write', args: { level: 'error', scope: 'sync', message: 'cannot open the cache: {"code":7}' } },
    ]);
  });

  it('never throws, whether the shell refuses, rejects or throws', async () => {
    quiet();
    const rejecting = { platform: 'electron', invoke: () => Promise.reject(new Error('gone')), on: () => () => undefined };
    holder.meja = rejecting;
    expect(() => createLogger('ui').error('boom')).not.toThrow();
    holder.meja = {
      ...rejecting,
      invoke: () => {
        throw new Error('sync throw');
      },
    };
    expect(() => createLogger('ui').warn('boom')).not.toThrow();
    holder.meja = makeStandInBridge({}).bridge;
    expect(() => createLogger('ui').warn('boom')).not.toThrow();
    await Promise.resolve();
  });

  it('sends nothing in the web console', () => {
    quiet();
    expect(() => createLogger('ui').error('boom')).not.toThrow();
  });

  it('cuts long lines to what the contract accepts', () => {
    expect(forwardedMessage('x'.repeat(5000))).toHaveLength(4000);
  });
});
