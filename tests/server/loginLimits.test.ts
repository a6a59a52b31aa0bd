import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app';
import { readAudit, type AuditRecord } from '../../server/audit/auditLog';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { login } from '../support/syncClient';
import { startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../support/testServer';

type Answer = { status: number; body: Record<string, unknown>; retryAfter: string | undefined };

/**
 * POST /api/auth/login sent from a chosen loopback address (all of 127/8 is this machine), so
 * tests can play several clients against the per-address limit.
 */
const loginFrom = (url: string, from: string, username: string, password: string): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const body = JSON.stringify({ username, password });
    const outgoing = request(
      `${url}/api/auth/login`,
      { method: 'POST', localAddress: from, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (incoming) => {
        let text = '';
        incoming.setEncoding('utf8');
        incoming.on('data', (chunk: string) => (text += chunk));
        incoming.on('end', () => {
          const retryAfter = incoming.headers['retry-after'];
          resolve({
            status: incoming.statusCode ?? 0,
            body: JSON.parse(text) as Record<string, unknown>,
            retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
          });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });

const ACCOUNT_RATE = 3;
const ADDRESS_RATE = 5;

describe.each(DATABASE_KINDS)('login limits on %s', (kind) => {
  let database: TestDatabase;
  // Creates the accounts; its own limits (defaults) are not under test.
  let setup: TestServer;
  let server: RunningServer;
  let clock = 0;
  // A fresh address per test: limits are per server process and outlive a test.
  let nextHost = 10;
  let address: () => string;

  beforeAll(async () => {
    database = await createDatabase(kind);
    setup = await startTestServer(database.url);
    const admin = await login(setup.url, 'admin', TEST_ADMIN_PASSWORD);
    for (const username of ['tina', 'sam', 'rita', 'sue']) {
      await setup.createUser(admin.token, { username, password: `${username}-password`, displayName: username, role: 'technician', tier: 1 });
    }
    server = await startServer({
      databaseUrl: database.url,
      port: 0,
      adminPassword: TEST_ADMIN_PASSWORD,
      loginAccountRate: ACCOUNT_RATE,
      loginAddressRate: ADDRESS_RATE,
      now: () => clock,
    });
  });

  afterAll(async () => {
    await server?.close();
    await setup?.close();
    await database?.drop();
  });

  beforeEach(() => {
    const host = nextHost;
    nextHost += 10;
    let offset = 0;
    // Addresses of one test are 127.0.<host>.<n>: fresh, so no other test's failures count.
    address = () => `127.0.${host}.${(offset += 1)}`;
  });

  // Every bucket is full again a minute later.
  afterEach(() => {
    clock += 60_000;
  });

  const expectRefused = (answer: Answer) => {
    expect(answer.status).toBe(429);
    expect(answer.body).toEqual({
      statusCode: 429,
      code: 'rate_limited',
      error: 'Too Many Requests',
      message: expect.stringContaining('try again in') as unknown,
    });
    expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
  };

  it(`refuses the failure after ${ACCOUNT_RATE} for one account with 429 and Retry-After, the same for an unknown username`, async () => {
    const refusals: Answer[] = [];
    for (const username of ['tina', 'nobody-here']) {
      const answers: Answer[] = [];
      // A new address for each try: only the per-account count can refuse.
      for (let i = 0; i <= ACCOUNT_RATE; i += 1) answers.push(await loginFrom(server.url, address(), username, 'wrong-password'));
      expect(answers.slice(0, ACCOUNT_RATE).map((a) => a.status)).toEqual(Array<number>(ACCOUNT_RATE).fill(401));
      const refused = answers[ACCOUNT_RATE];
      if (refused === undefined) throw new Error('no answer');
      expectRefused(refused);
      // 3 a minute: one failure back every 20 s.
      expect(refused.retryAfter).toBe('20');
      refusals.push(refused);
    }
    // Nothing tells a known name from an unknown one.
    expect(refusals[1]).toEqual(refusals[0]);
    // Another account from another address is unaffected.
    expect((await loginFrom(server.url, address(), 'sam', 'sam-password')).status).toBe(200);
    expect((await loginFrom(server.url, address(), 'sam', 'wrong-password')).status).toBe(401);
  });

  it('counts the username as the server looks it up (case and spaces do not make a new account)', async () => {
    for (const typed of ['rita', 'RITA', ' Rita ']) expect((await loginFrom(server.url, address(), typed, 'wrong-password')).status).toBe(401);
    expectRefused(await loginFrom(server.url, address(), 'rItA', 'wrong-password'));
  });

  it(`refuses the failure after ${ADDRESS_RATE} from one address across different usernames`, async () => {
    const from = address();
    for (let i = 0; i < ADDRESS_RATE; i += 1) expect((await loginFrom(server.url, from, `guess-${i}`, 'wrong-password')).status).toBe(401);
    expectRefused(await loginFrom(server.url, from, 'someone-else', 'wrong-password'));
    // Even the right password of an untouched account: the address is limited.
    expectRefused(await loginFrom(server.url, from, 'sue', 'sue-password'));
    // Another address signs in as that account at once.
    expect((await loginFrom(server.url, address(), 'sue', 'sue-password')).status).toBe(200);
  });

  it('does not count successful sign-ins', async () => {
    const from = address();
    for (let i = 0; i < ACCOUNT_RATE + ADDRESS_RATE; i += 1) expect((await loginFrom(server.url, from, 'sam', 'sam-password')).status).toBe(200);
    for (let i = 0; i < ACCOUNT_RATE; i += 1) expect((await loginFrom(server.url, from, 'sam', 'wrong-password')).status).toBe(401);
    expectRefused(await loginFrom(server.url, from, 'sam', 'wrong-password'));
  });

  it('refuses the right password while the account is limited, without checking it, and accepts it after the wait', async () => {
    for (let i = 0; i < ACCOUNT_RATE; i += 1) expect((await loginFrom(server.url, address(), 'tina', 'wrong-password')).status).toBe(401);
    // The right password would verify, yet the answer is 429: it was never checked.
    const refused = await loginFrom(server.url, address(), 'tina', 'tina-password');
    expectRefused(refused);
    clock += (Number(refused.retryAfter) - 1) * 1000;
    expectRefused(await loginFrom(server.url, address(), 'tina', 'tina-password'));
    clock += 1000;
    const accepted = await loginFrom(server.url, address(), 'tina', 'tina-password');
    expect(accepted.status).toBe(200);
    expect(accepted.body.user).toMatchObject({ username: 'tina' });
  });

  /** The login_throttled entries recorded after the entry `afterId`, oldest first. */
  const throttledAfter = async (afterId: number): Promise<AuditRecord[]> =>
    (await readAudit(server.db, { limit: 500 })).entries.filter((e) => e.id > afterId && e.action === 'login_throttled').reverse();
  const newestAuditId = async (): Promise<number> => (await readAudit(server.db, { limit: 1 })).entries[0]?.id ?? 0;

  it('records one login_throttled entry when an account is first refused, none for the next 50 refusals, a new one after the bucket is full again', async () => {
    const before = await newestAuditId();
    for (let i = 0; i < ACCOUNT_RATE; i += 1) expect((await loginFrom(server.url, address(), 'tina', 'wrong-password')).status).toBe(401);
    const firstFrom = address();
    expectRefused(await loginFrom(server.url, firstFrom, 'tina', 'wrong-password'));
    // A new address for each guess: only the account limit refuses.
    for (let i = 0; i < 50; i += 1) expect((await loginFrom(server.url, address(), 'TINA', 'wrong-password')).status).toBe(429);
    // One failure back (20 s at 3 a minute) is spent at once: still the same spell.
    clock += 20_000;
    expect((await loginFrom(server.url, address(), 'tina', 'wrong-password')).status).toBe(401);
    expect((await loginFrom(server.url, address(), 'tina', 'wrong-password')).status).toBe(429);
    const entries = await throttledAfter(before);
    expect(entries.map(({ actorId, action, subject, address: at, detail }) => ({ actorId, action, subject, address: at, detail }))).toEqual([
      { actorId: null, action: 'login_throttled', subject: 'tina', address: firstFrom, detail: { limit: 'account' } },
    ]);
    // Left alone until the bucket is full again, the next refusal starts a new spell.
    clock += 60_000;
    for (let i = 0; i < ACCOUNT_RATE; i += 1) expect((await loginFrom(server.url, address(), 'tina', 'wrong-password')).status).toBe(401);
    for (let i = 0; i < 5; i += 1) expect((await loginFrom(server.url, address(), 'tina', 'wrong-password')).status).toBe(429);
    expect((await throttledAfter(before)).map((e) => e.detail)).toEqual([{ limit: 'account' }, { limit: 'account' }]);
  });

  it('records one login_throttled entry when an address is first refused, none for the next 50 refusals across usernames', async () => {
    const before = await newestAuditId();
    const from = address();
    for (let i = 0; i < ADDRESS_RATE; i += 1) expect((await loginFrom(server.url, from, `spray-${i}`, 'wrong-password')).status).toBe(401);
    for (let i = 0; i < 50; i += 1) expect((await loginFrom(server.url, from, `spray-more-${i}`, 'wrong-password')).status).toBe(429);
    const entries = await throttledAfter(before);
    expect(entries.map(({ actorId, action, subject, address: at, detail }) => ({ actorId, action, subject, address: at, detail }))).toEqual([
      { actorId: null, action: 'login_throttled', subject: 'spray-more-0', address: from, detail: { limit: 'address' } },
    ]);
  });
});
