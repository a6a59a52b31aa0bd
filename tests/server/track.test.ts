import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app';
import { addressKey, createRateLimiter } from '../../server/rateLimiter';
import { findPublicView, IMPOSSIBLE_CODE } from '../../server/track/publicView';
import { PUBLIC_NOTE_KEYS, PUBLIC_VIEW_KEYS } from '../../shared/domain/track';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { call, push } from '../support/http';
import { login } from '../support/syncClient';
import { startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../support/testServer';

describe.each(DATABASE_KINDS)('caller tracking on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let limited: RunningServer;
  let staticDir: string;
  const args = makeCreateArgs({
    title: 'VPN drops every few minutes',
    description: 'Secret description',
    requester: { name: 'Ada Caller', contact: 'ada@example.com' },
  });
  let tinaToken = '';

  beforeAll(async () => {
    database = await createDatabase(kind);
    staticDir = mkdtempSync(join(tmpdir(), 'meja-track-'));
    mkdirSync(join(staticDir, 'track'));
    writeFileSync(join(staticDir, 'index.html'), '<title>Meja console</title>');
    writeFileSync(join(staticDir, 'track', 'index.html'), '<title>Track your ticket</title>');
    server = await startTestServer(database.url, { staticDir });
    const admin = (await login(server.url, 'admin', TEST_ADMIN_PASSWORD)).token;
    await server.createUser(admin, { username: 'tina', password: 'tina-password', displayName: 'Tina Tier-One', role: 'technician', tier: 1 });
    const tina = await login(server.url, 'tina', 'tina-password');
    tinaToken = tina.token;
    await push(server.url, tina.token, [
      { name: 'ticket:create', args },
      { name: 'note:add', args: { id: randomUUID(), ticketId: args.id, body: 'We are replacing your VPN profile.', visibility: 'public' } },
      { name: 'note:add', args: { id: randomUUID(), ticketId: args.id, body: 'Internal: password is hunter2', visibility: 'internal' } },
      { name: 'ticket:assign', args: { id: args.id, to: tina.user.id } },
      { name: 'note:add', args: { id: randomUUID(), ticketId: args.id, body: 'Fixed, please try again.', visibility: 'public' } },
    ]);
    // The same database, a second server with a low limit (rate limits are per server process).
    limited = await startServer({ databaseUrl: database.url, port: 0, adminPassword: TEST_ADMIN_PASSWORD, trackRate: 3 });
  });

  afterAll(async () => {
    await limited?.close();
    await server?.close();
    await database?.drop();
    rmSync(staticDir, { recursive: true, force: true });
  });

  it('shows the public view of a ticket, and only that', async () => {
    const answer = await call(server.url, 'GET', `/api/track/${args.code}`, null);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(Object.keys(answer.body).sort()).toEqual([...PUBLIC_VIEW_KEYS].sort());
    expect(answer.body).toMatchObject({ code: args.code, title: 'VPN drops every few minutes', status: 'new', tier: 1, resolution: null });
    expect(new Date(String(answer.body.updatedAt)).toISOString()).toBe(answer.body.updatedAt);
    const notes = answer.body.publicNotes as Array<Record<string, unknown>>;
    expect(notes.map((note) => note.body)).toEqual(['We are replacing your VPN profile.', 'Fixed, please try again.']);
    for (const note of notes) {
      expect(Object.keys(note).sort()).toEqual([...PUBLIC_NOTE_KEYS].sort());
      expect(note.author).toBe('Tina Tier-One');
      expect(Date.parse(String(note.createdAt))).not.toBeNaN();
    }
    const text = JSON.stringify(answer.body);
    for (const secret of ['hunter2', 'Internal', 'Secret', 'Ada Caller', 'ada@example.com', args.id, 'tina"', 'assignee']) expect(text).not.toContain(secret);
  });

  it('shows the resolution once the ticket is resolved or closed, and not after a reopen', async () => {
    const second = makeCreateArgs({ title: 'Printer jams on tray 2', description: 'Secret description' });
    const resolution = 'Replaced the pickup roller on tray 2.';
    const track = async () => (await call(server.url, 'GET', `/api/track/${second.code}`, null)).body;
    const transition = (from: string, to: string, text: string | null = null) => ({
      name: 'ticket:transition',
      args: { id: second.id, from, to, resolution: text },
    });
    await push(server.url, tinaToken, [
      { name: 'ticket:create', args: second },
      transition('new', 'open'),
      { name: 'note:add', args: { id: randomUUID(), ticketId: second.id, body: 'Internal: roller part 44-118 from stock', visibility: 'internal' } },
    ]);
    expect(await track()).toMatchObject({ title: 'Printer jams on tray 2', status: 'open', resolution: null });

    await push(server.url, tinaToken, [transition('open', 'resolved', resolution)]);
    const resolved = await track();
    expect(resolved).toMatchObject({ title: 'Printer jams on tray 2', status: 'resolved', resolution });
    expect(Object.keys(resolved).sort()).toEqual([...PUBLIC_VIEW_KEYS].sort());
    expect(JSON.stringify(resolved)).not.toContain('44-118');
    expect(JSON.stringify(resolved)).not.toContain('Secret description');

    await push(server.url, tinaToken, [transition('resolved', 'closed')]);
    expect(await track()).toMatchObject({ status: 'closed', resolution });

    await push(server.url, tinaToken, [transition('closed', 'open')]);
    expect(await track()).toMatchObject({ status: 'open', resolution: null });
  });

  it('reads a code as a caller types it', async () => {
    const compact = args.code.replace('-', '');
    for (const typed of [args.code.toLowerCase(), compact, compact.toLowerCase(), `${compact.slice(0, 4)}%20${compact.slice(4)}`]) {
      const answer = await call(server.url, 'GET', `/api/track/${typed}`, null);
      expect(answer.status, typed).toBe(200);
      expect(answer.body.code).toBe(args.code);
    }
  });

  it('answers unknown and malformed codes with the same 404 body, byte for byte', async () => {
    const unknown = args.code.startsWith('0') ? '1111-1111' : '0000-0000';
    const paths = [unknown, unknown.toLowerCase(), 'nope', 'ABCD-EFGU', '', 'x'.repeat(500), 'a/b', "'; drop table tickets; --", '%00'];
    const bodies = new Set<string>();
    for (const path of paths) {
      const response = await fetch(`${server.url}/api/track/${path}`);
      expect(response.status, path).toBe(404);
      bodies.add(await response.text());
    }
    expect([...bodies]).toEqual([JSON.stringify({ statusCode: 404, code: 'not_found', error: 'Not Found', message: 'No ticket has this code.' })]);
  });

  it('does the same database work for a known, an unknown and a malformed code', async () => {
    const seen: string[] = [];
    // Records each query's shape with the looked-up code blanked out.
    const recorder = (code: string): KyselyPlugin => ({
      transformQuery: ({ node }) => {
        seen.push(JSON.stringify(node).replaceAll(code, '?'));
        return node;
      },
      transformResult: async ({ result }) => result,
    });
    const unknown = args.code.startsWith('0') ? '1111-1111' : '0000-0000';
    const shapes = new Set<string>();
    for (const [typed, looked] of [
      [args.code, args.code],
      [unknown, unknown],
      ['nope', IMPOSSIBLE_CODE],
    ] as const) {
      seen.length = 0;
      await findPublicView(server.db.withPlugin(recorder(looked)), typed);
      expect(seen, typed).toHaveLength(1);
      shapes.add(seen[0] ?? '');
    }
    expect(shapes.size).toBe(1);
  });

  it('is public: no token needed, and the route says so', () => {
    expect(server.routes).toContainEqual({ method: 'GET', url: '/api/track/*', access: 'public' });
  });

  it('serves the tracking page at /track, not the console', async () => {
    for (const path of ['/track', '/track?code=ABCD-1234']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(await response.text()).toContain('Track your ticket');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
    expect(await (await fetch(`${server.url}/tickets/1`)).text()).toContain('Meja console');
  });

  it('limits lookups per address with a 429 and Retry-After', async () => {
    for (let i = 0; i < 3; i += 1) expect((await call(limited.url, 'GET', `/api/track/nope-${i}`, null)).status).toBe(404);
    const refused = await call(limited.url, 'GET', `/api/track/${args.code}`, null);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'rate_limited', error: 'Too Many Requests' });
    const wait = Number(refused.headers.get('retry-after'));
    // 3 a minute: the next token comes within 20 s.
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(20);
    // The other server keeps its own count.
    expect((await call(server.url, 'GET', `/api/track/${args.code}`, null)).status).toBe(200);
  });
});

describe('rate limiter', () => {
  it('refills continuously and says how long to wait', () => {
    let now = 0;
    const limiter = createRateLimiter({ perMinute: 2, now: () => now });
    expect(limiter.take('a')).toEqual({ ok: true });
    expect(limiter.take('a')).toEqual({ ok: true });
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 30, first: true });
    expect(limiter.take('b')).toEqual({ ok: true });
    now = 20_000;
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 10, first: false });
    now = 31_000;
    expect(limiter.take('a')).toEqual({ ok: true });
  });

  it('takes back a refunded token, never above the rate, and ignores a key it does not hold', () => {
    let now = 0;
    const limiter = createRateLimiter({ perMinute: 2, now: () => now });
    limiter.take('a');
    limiter.take('a');
    limiter.refund('a');
    expect(limiter.take('a')).toEqual({ ok: true });
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 30, first: true });
    now = 60_000;
    limiter.refund('a');
    limiter.refund('a');
    limiter.refund('never-seen');
    expect(limiter.size()).toBe(1);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')].map((taken) => taken.ok)).toEqual([true, true, false]);
  });

  it('marks only the first refusal until the bucket is full again, also when the sweep has not forgotten the key yet', () => {
    let clock = 0;
    const limiter = createRateLimiter({ perMinute: 3, now: () => clock });
    clock = 10_000;
    for (let i = 0; i < 3; i += 1) expect(limiter.take('tina')).toEqual({ ok: true });
    expect(limiter.take('tina')).toMatchObject({ ok: false, first: true });
    for (let i = 0; i < 50; i += 1) expect(limiter.take('tina')).toMatchObject({ ok: false, first: false });
    // 20 s later one token is back and spent: the spell goes on.
    clock = 30_000;
    expect(limiter.take('tina')).toEqual({ ok: true });
    expect(limiter.take('tina')).toMatchObject({ ok: false, first: false });
    // A sweep at 60 s keeps tina (not full yet), so at 90 s her bucket is full but still tracked.
    clock = 60_000;
    expect(limiter.take('other')).toEqual({ ok: true });
    clock = 90_000;
    for (let i = 0; i < 3; i += 1) expect(limiter.take('tina')).toEqual({ ok: true });
    expect(limiter.take('tina')).toMatchObject({ ok: false, first: true });
  });

  it('does not end a spell with a refund that leaves the bucket short of full', () => {
    const clock = 0;
    const limiter = createRateLimiter({ perMinute: 2, now: () => clock });
    limiter.take('sam');
    limiter.take('sam');
    expect(limiter.take('sam')).toMatchObject({ ok: false, first: true });
    limiter.refund('sam');
    expect(limiter.take('sam')).toEqual({ ok: true });
    expect(limiter.take('sam')).toMatchObject({ ok: false, first: false });
  });

  it('keeps its memory bounded: idle keys are swept, the least recently used evicted', () => {
    let now = 0;
    const limiter = createRateLimiter({ perMinute: 5, maxKeys: 100, now: () => now });
    for (let i = 0; i < 1000; i += 1) limiter.take(`10.0.${Math.floor(i / 256)}.${i % 256}`);
    expect(limiter.size()).toBe(100);
    now = 61_000;
    limiter.take('fresh');
    expect(limiter.size()).toBe(1);
  });

  it('counts IPv4 per address and IPv6 per /64', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('::ffff:203.0.113.7');
    expect(addressKey('2001:DB8:0:12:aaaa::1')).toBe('2001:db8:0:12::/64');
    expect(addressKey('2001:db8:0:12:bbbb:cccc:dddd:eeee')).toBe('2001:db8:0:12::/64');
    expect(addressKey('2001:db8::7')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('refuses a rate below one a minute', () => {
    expect(() => createRateLimiter({ perMinute: 0 })).toThrow('at least 1');
  });
});
