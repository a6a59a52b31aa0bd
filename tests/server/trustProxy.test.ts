import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../../server/audit/auditLog';
import { createSqliteDatabase, type TestDatabase } from '../support/databases';
import { startTestServer, type TestServer } from '../support/testServer';

type Answer = { status: number; hsts: string | undefined };

/**
 * One real request over loopback from a chosen source address (all of 127/8 is this machine), with
 * whatever forwarding headers a proxy, or a client pretending to be one, would send.
 */
const send = (url: string, options: { path: string; from: string; forwardedFor?: string; forwardedProto?: string; body?: unknown }): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const headers: Record<string, string | number> = {
      ...(options.forwardedFor === undefined ? {} : { 'x-forwarded-for': options.forwardedFor }),
      ...(options.forwardedProto === undefined ? {} : { 'x-forwarded-proto': options.forwardedProto }),
      ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
    };
    const outgoing = request(`${url}${options.path}`, { method: body === undefined ? 'GET' : 'POST', localAddress: options.from, headers }, (incoming) => {
      incoming.resume();
      incoming.on('end', () => {
        const hsts = incoming.headers['strict-transport-security'];
        resolve({ status: incoming.statusCode ?? 0, hsts: Array.isArray(hsts) ? hsts[0] : hsts });
      });
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });

const RATE = 2;

// Which address a request counts under is decided before any SQL runs: one engine is enough here.
describe('client addresses behind reverse proxies (MEJA_TRUST_PROXY)', () => {
  let database: TestDatabase;
  /** Trusts nobody's X-Forwarded-For: the default. */
  let direct: TestServer;
  /** MEJA_TRUST_PROXY=127.0.0.1: a proxy on this machine. */
  let proxied: TestServer;
  /** MEJA_TRUST_PROXY=127.0.0.1,10.0.0.0/8: a load balancer in front of the proxy. */
  let chained: TestServer;

  beforeAll(async () => {
    database = await createSqliteDatabase();
    // The clock stands still: no bucket refills during a test.
    const limits = { loginAddressRate: RATE, loginAccountRate: 1000, trackRate: RATE, now: () => 0 };
    direct = await startTestServer(database.url, limits);
    proxied = await startTestServer(database.url, { ...limits, trustProxy: ['127.0.0.1'] });
    chained = await startTestServer(database.url, { ...limits, trustProxy: ['127.0.0.1', '10.0.0.0/8'] });
  });

  afterAll(async () => {
    await direct?.close();
    await proxied?.close();
    await chained?.close();
    await database?.drop();
  });

  const failLogin = (server: TestServer, from: string, username: string, forwardedFor?: string) =>
    send(server.url, {
      path: '/api/auth/login',
      from,
      body: { username, password: 'wrong-password' },
      ...(forwardedFor === undefined ? {} : { forwardedFor }),
    });
  const track = (server: TestServer, from: string, forwardedFor?: string) =>
    send(server.url, { path: '/api/track/ABCD2345', from, ...(forwardedFor === undefined ? {} : { forwardedFor }) });
  /** The addresses the audit log holds for failed sign-ins of `username`. */
  const auditedAddresses = async (server: TestServer, username: string) =>
    (await readAudit(server.db, { limit: 500 })).entries
      .filter((entry) => entry.subject === username && entry.action === 'login_failed')
      .map((entry) => entry.address);

  it('by default, a forged X-Forwarded-For changes nothing: the socket address is limited and audited', async () => {
    const from = '127.0.50.1';
    expect((await failLogin(direct, from, 'forger-1', '203.0.113.1')).status).toBe(401);
    expect((await failLogin(direct, from, 'forger-1', '203.0.113.2')).status).toBe(401);
    // A third made-up address is no fresh budget.
    expect((await failLogin(direct, from, 'forger-1', '203.0.113.3')).status).toBe(429);
    expect((await failLogin(direct, from, 'forger-1')).status).toBe(429);
    // Another real address is: the limit is per address, and the header did not move it.
    expect((await failLogin(direct, '127.0.50.2', 'forger-1', '127.0.50.1')).status).toBe(401);
    expect(await auditedAddresses(direct, 'forger-1')).toEqual(['127.0.50.2', from, from]);

    for (const forwardedFor of ['203.0.113.4', '203.0.113.5']) expect((await track(direct, '127.0.51.1', forwardedFor)).status).toBe(404);
    expect((await track(direct, '127.0.51.1', '203.0.113.6')).status).toBe(429);
    // Nor does a forged X-Forwarded-Proto make plain http look like https.
    expect((await send(direct.url, { path: '/api/health', from: '127.0.51.2', forwardedProto: 'https' })).hsts).toBeUndefined();
  });

  it('with MEJA_TRUST_PROXY=127.0.0.1, each client the proxy forwards counts on its own and is audited under its address', async () => {
    const proxy = '127.0.0.1';
    expect((await failLogin(proxied, proxy, 'office-1', '203.0.113.10')).status).toBe(401);
    expect((await failLogin(proxied, proxy, 'office-1', '203.0.113.10')).status).toBe(401);
    expect((await failLogin(proxied, proxy, 'office-1', '203.0.113.10')).status).toBe(429);
    // Another client behind the same proxy is not locked out by the first.
    expect((await failLogin(proxied, proxy, 'office-1', '203.0.113.11')).status).toBe(401);
    expect(await auditedAddresses(proxied, 'office-1')).toEqual(['203.0.113.11', '203.0.113.10', '203.0.113.10']);

    for (let i = 0; i < RATE; i += 1) expect((await track(proxied, proxy, '203.0.113.12')).status).toBe(404);
    expect((await track(proxied, proxy, '203.0.113.12')).status).toBe(429);
    expect((await track(proxied, proxy, '203.0.113.13')).status).toBe(404);

    // The proxy ended TLS: its X-Forwarded-Proto decides HSTS.
    expect((await send(proxied.url, { path: '/api/health', from: proxy, forwardedProto: 'https' })).hsts).toMatch(/^max-age=\d+; includeSubDomains$/);
    expect((await send(proxied.url, { path: '/api/health', from: proxy, forwardedProto: 'http' })).hsts).toBeUndefined();
    expect((await send(proxied.url, { path: '/api/health', from: proxy })).hsts).toBeUndefined();
  });

  it('with a chain "forged, real" from a trusted proxy, only the rightmost untrusted address counts', async () => {
    const proxy = '127.0.0.1';
    // The client wrote the left part itself; the proxy appended the address it saw.
    expect((await failLogin(proxied, proxy, 'chain-1', '198.51.100.1, 203.0.113.20')).status).toBe(401);
    expect((await failLogin(proxied, proxy, 'chain-1', '198.51.100.2, 203.0.113.20')).status).toBe(401);
    expect((await failLogin(proxied, proxy, 'chain-1', '127.0.0.1, 203.0.113.20')).status).toBe(429);
    expect(await auditedAddresses(proxied, 'chain-1')).toEqual(['203.0.113.20', '203.0.113.20']);

    // Two trusted hops (a load balancer at 10.1.2.3, then the proxy): the client is the address before them.
    expect((await failLogin(chained, proxy, 'chain-2', '198.51.100.3, 203.0.113.30, 10.1.2.3')).status).toBe(401);
    expect((await failLogin(chained, proxy, 'chain-2', '198.51.100.4, 203.0.113.30, 10.1.2.3')).status).toBe(401);
    expect((await failLogin(chained, proxy, 'chain-2', '203.0.113.30, 10.9.9.9')).status).toBe(429);
    expect(await auditedAddresses(chained, 'chain-2')).toEqual(['203.0.113.30', '203.0.113.30']);
    // The same header on the server that trusts only 127.0.0.1: the load balancer is the client.
    expect((await failLogin(proxied, proxy, 'chain-3', '198.51.100.5, 203.0.113.31, 10.1.2.3')).status).toBe(401);
    expect(await auditedAddresses(proxied, 'chain-3')).toEqual(['10.1.2.3']);
  });

  it('believes no other sender: a client beside the proxy is counted under its own address whatever it forwards', async () => {
    const from = '127.0.60.1';
    expect((await failLogin(proxied, from, 'beside-1', '203.0.113.40')).status).toBe(401);
    expect((await failLogin(proxied, from, 'beside-1', '203.0.113.41')).status).toBe(401);
    expect((await failLogin(proxied, from, 'beside-1', '203.0.113.42')).status).toBe(429);
    expect(await auditedAddresses(proxied, 'beside-1')).toEqual([from, from]);
    for (const forwardedFor of ['203.0.113.43', '203.0.113.44']) expect((await track(proxied, '127.0.61.1', forwardedFor)).status).toBe(404);
    expect((await track(proxied, '127.0.61.1', '203.0.113.45')).status).toBe(429);
    expect((await send(proxied.url, { path: '/api/health', from, forwardedProto: 'https' })).hsts).toBeUndefined();
  });
});
