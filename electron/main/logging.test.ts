import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogFile, formatLogLine, parseLogLevel, redact } from './logging';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'meja-log-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const AT = new Date('2026-11-28T13:00:00.000Z');
const mainLog = () => readFile(join(folder, 'logs', 'main.log'), 'utf8');

describe('formatLogLine', () => {
  it('writes time, padded level, scope and message on one line', () => {
    expect(formatLogLine(AT, 'info', 'session', 'signed in as sam')).toBe('2026-11-28T13:00:00.000Z INFO  [session] signed in as sam\n');
    expect(formatLogLine(AT, 'error', 'sync', 'pull failed', { status: 503 })).toBe('2026-11-28T13:00:00.000Z ERROR [sync] pull failed {"status":503}\n');
  });

  it('indents the lines of a stack trace under their entry', () => {
    const error = new Error('boom');
    error.stack = 'Error: boom\n    at pull (engine.ts:10)';
    expect(formatLogLine(AT, 'warn', 'sync', 'retrying', error)).toBe(
      '2026-11-28T13:00:00.000Z WARN  [sync] retrying Error: boom\n      at pull (engine.ts:10)\n',
    );
  });

  it('survives a detail that cannot be turned into JSON', () => {
    const loop: { self?: unknown } = {};
    loop.self = loop;
    expect(formatLogLine(AT, 'debug', 'x', 'loop', loop)).toContain('[x] loop [object Object]');
  });
});

describe('redact', () => {
  it.each([
    ['authorization: Bearer abc.def-123', 'authorization: Bearer [redacted]'],
    ['{"username":"sam","password":"demo-password"}', '{"username":"sam","password":"[redacted]"}'],
    ['{"token": "t\\"ok"}', '{"token": "[redacted]"}'],
    ['{"body":"{\\"password\\":\\"demo-password\\",\\"username\\":\\"sam\\"}"}', '{"body":"{\\"password\\":\\"[redacted]\\",\\"username\\":\\"sam\\"}"}'],
    ['GET /api/sync/events?token=abc123&since=4', 'GET /api/sync/events?token=[redacted]&since=4'],
    ['nothing secret here', 'nothing secret here'],
  ])('%s', (input, output) => {
    expect(redact(input)).toBe(output);
  });
});

describe('parseLogLevel', () => {
  it('takes a known level in any case and falls back for anything else', () => {
    expect(parseLogLevel('DEBUG')).toBe('debug');
    expect(parseLogLevel(' warn ')).toBe('warn');
    expect(parseLogLevel('verbose')).toBe('info');
    expect(parseLogLevel(undefined)).toBe('info');
  });
});

describe('createLogFile', () => {
  it('appends lines at or above the level to logs/main.log, in order', async () => {
    const log = createLogFile({ folder, level: 'info', now: () => AT });
    log.debug('sync', 'cursor 41');
    log.info('session', 'signed in as sam');
    log.warn('sync', 'retry in 4 s');
    log.error('app', 'crashed', new Error('disk'));
    await log.flush();
    const lines = (await mainLog()).split('\n').filter((line) => line.startsWith('2026'));
    expect(lines.map((line) => line.slice(25, 31))).toEqual(['INFO  ', 'WARN  ', 'ERROR ']);
    expect(await mainLog()).not.toContain('cursor 41');
  });

  it('never writes a token or a password', async () => {
    const log = createLogFile({ folder, now: () => AT });
    log.info('http', 'POST /api/auth/login', { body: '{"username":"sam","password":"demo-password"}' });
    log.warn('http', 'GET /api/auth/me with authorization Bearer tok_secret_123');
    await log.flush();
    const text = await mainLog();
    expect(text).not.toContain('demo-password');
    expect(text).not.toContain('tok_secret_123');
    expect(text).toContain('/api/auth/login');
  });

  it('rotates past maxBytes and keeps only the newest rotated files', async () => {
    const log = createLogFile({ folder, maxBytes: 200, keep: 2, now: () => AT });
    // Each entry is about 80 bytes, so every third entry starts a new file.
    for (let index = 0; index < 12; index += 1) log.info('sync', `entry ${String(index).padStart(2, '0')} ${'x'.repeat(30)}`);
    await log.flush();
    expect((await readdir(join(folder, 'logs'))).sort()).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    const read = (name: string) => readFile(join(folder, 'logs', name), 'utf8');
    for (const name of ['main.log', 'main.1.log', 'main.2.log']) expect(Buffer.byteLength(await read(name))).toBeLessThanOrEqual(200);
    expect(await read('main.log')).toContain('entry 11');
    expect(await read('main.2.log')).toContain('entry 06');
    const everything = (await Promise.all(['main.2.log', 'main.1.log', 'main.log'].map(read))).join('');
    expect(everything).not.toContain('entry 05');
  });

  it('counts what an earlier run left in the file before rotating', async () => {
    const first = createLogFile({ folder, maxBytes: 200, now: () => AT });
    first.info('app', `started ${'x'.repeat(100)}`);
    await first.flush();
    const second = createLogFile({ folder, maxBytes: 200, now: () => AT });
    second.info('app', `started again ${'x'.repeat(100)}`);
    await second.flush();
    expect(await readFile(join(folder, 'logs', 'main.1.log'), 'utf8')).toContain('started x');
    expect(await mainLog()).toContain('started again');
  });

  it('does not throw when the log cannot be written, and writes again once it can', async () => {
    // A file where the logs folder should be: every write fails as on a full or read-only disk.
    await writeFile(join(folder, 'logs'), 'in the way');
    const log = createLogFile({ folder, now: () => AT });
    expect(() => log.error('app', 'lost')).not.toThrow();
    await expect(log.flush()).resolves.toBeUndefined();
    await rm(join(folder, 'logs'));
    log.info('app', 'back');
    await log.flush();
    expect(await mainLog()).toBe('2026-11-28T13:00:00.000Z INFO  [app] back\n');
  });
});
