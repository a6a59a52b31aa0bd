import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../server/app';
import { loadConfig } from '../../server/config';
import { parseTrustProxy } from '../../server/trustProxy';
import { DEFAULT_SLA_POLICY } from '../../shared/domain/sla';
import type { PullResponse } from '../../shared/sync/protocol';
import { createSqliteDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { call } from '../support/http';
import { login } from '../support/syncClient';
import { makeTestCertificate } from '../support/testCertificate';
import { startTestServer } from '../support/testServer';

describe('server configuration', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({}, []);
    expect(config).toMatchObject({
      databaseUrl: 'sqlite:./data/meja.sqlite',
      port: 4780,
      host: '127.0.0.1',
      sessionHours: 168,
      demo: false,
      slaPolicy: DEFAULT_SLA_POLICY,
    });
    expect(config).toMatchObject({ trackRate: 20, loginAccountRate: 10, loginAddressRate: 30 });
    expect(config.adminPassword).toBeUndefined();
    expect(config).toMatchObject({ tls: null, trustProxy: null });
    expect(config.syncScope).toEqual({ recentDays: 30, mineDays: 365, openedDays: 30, openedMax: 1000 });
    expect(loadConfig({ MEJA_PORT: '5000', MEJA_DATABASE_URL: 'postgres://x/y' }, ['--demo'])).toMatchObject({
      port: 5000,
      demo: true,
      databaseUrl: 'postgres://x/y',
    });
  });

  it('stops with a reason on bad values', () => {
    expect(() => loadConfig({ MEJA_PORT: 'eighty' }, [])).toThrow('MEJA_PORT must be a whole number');
    expect(() => loadConfig({ MEJA_LOGIN_ACCOUNT_RATE: '0' }, [])).toThrow('MEJA_LOGIN_ACCOUNT_RATE must be a whole number from 1');
    expect(loadConfig({ MEJA_LOGIN_ACCOUNT_RATE: '5', MEJA_LOGIN_ADDRESS_RATE: '100' }, [])).toMatchObject({ loginAccountRate: 5, loginAddressRate: 100 });
    expect(() => loadConfig({ MEJA_DATABASE_URL: 'mysql://db' }, [])).toThrow('MEJA_DATABASE_URL must start with sqlite: or postgres://');
    expect(() => loadConfig({ MEJA_SLA_POLICY: '{"urgent": 5}' }, [])).toThrow('MEJA_SLA_POLICY: Invalid SLA policy: urgent');
  });

  it('reads the automatic close: 7 days and no close on a confirmation unless set', () => {
    expect(loadConfig({}, [])).toMatchObject({ autoCloseDays: 7, closeOnConfirm: false });
    expect(loadConfig({ MEJA_AUTO_CLOSE_DAYS: '3', MEJA_CLOSE_ON_CONFIRM: 'true' }, [])).toMatchObject({ autoCloseDays: 3, closeOnConfirm: true });
    expect(loadConfig({ MEJA_CLOSE_ON_CONFIRM: '0' }, [])).toMatchObject({ closeOnConfirm: false });
    expect(() => loadConfig({ MEJA_AUTO_CLOSE_DAYS: '0' }, [])).toThrow('MEJA_AUTO_CLOSE_DAYS must be a whole number from 1');
    expect(() => loadConfig({ MEJA_CLOSE_ON_CONFIRM: 'sometimes' }, [])).toThrow('MEJA_CLOSE_ON_CONFIRM must be on or off');
  });

  it('reads MEJA_SYNC_RECENT_DAYS and MEJA_SYNC_MINE_DAYS as whole numbers of days, and stops on anything else', () => {
    expect(loadConfig({ MEJA_SYNC_RECENT_DAYS: '7', MEJA_SYNC_MINE_DAYS: '90' }, []).syncScope).toEqual({
      recentDays: 7,
      mineDays: 90,
      openedDays: 30,
      openedMax: 1000,
    });
    expect(loadConfig({ MEJA_SYNC_RECENT_DAYS: '', MEJA_SYNC_MINE_DAYS: '' }, []).syncScope).toMatchObject({ recentDays: 30, mineDays: 365 });
    for (const bad of ['0', '-3', '1.5', 'thirty', '36501']) {
      expect(() => loadConfig({ MEJA_SYNC_RECENT_DAYS: bad }, []), bad).toThrow(`MEJA_SYNC_RECENT_DAYS must be a whole number from 1 to 36500, not "${bad}".`);
      expect(() => loadConfig({ MEJA_SYNC_MINE_DAYS: bad }, []), bad).toThrow(`MEJA_SYNC_MINE_DAYS must be a whole number from 1 to 36500, not "${bad}".`);
    }
  });

  it("publishes the working set's parameters to signed-in consoles at GET /api/sync/scope", async () => {
    const database = await createSqliteDatabase();
    const syncScope = loadConfig({ MEJA_SYNC_RECENT_DAYS: '14', MEJA_SYNC_MINE_DAYS: '180' }, []).syncScope;
    const server = await startTestServer(database.url, { syncScope });
    try {
      expect((await call(server.url, 'GET', '/api/sync/scope', null)).status).toBe(401);
      const { token } = await login(server.url, 'admin', server.adminPassword);
      const answer = await call(server.url, 'GET', '/api/sync/scope', token);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ recentDays: 14, mineDays: 180, openedDays: 30, openedMax: 1000 });
    } finally {
      await server.close();
      await database.drop();
    }
  });

  it('reads MEJA_TLS_CERT and MEJA_TLS_KEY, and says exactly what is wrong with them', async () => {
    const certificate = await makeTestCertificate();
    try {
      const { certFile, keyFile, otherKeyFile, folder } = certificate;
      expect(loadConfig({ MEJA_TLS_CERT: certFile, MEJA_TLS_KEY: keyFile }, []).tls).toEqual({ cert: certificate.cert, key: certificate.key });
      expect(loadConfig({ MEJA_TLS_CERT: '', MEJA_TLS_KEY: '' }, []).tls).toBeNull();
      expect(() => loadConfig({ MEJA_TLS_CERT: certFile }, [])).toThrow('MEJA_TLS_CERT is set but MEJA_TLS_KEY is not: set both');
      expect(() => loadConfig({ MEJA_TLS_KEY: keyFile }, [])).toThrow('MEJA_TLS_KEY is set but MEJA_TLS_CERT is not: set both');
      const missing = join(folder, 'missing.crt');
      expect(() => loadConfig({ MEJA_TLS_CERT: missing, MEJA_TLS_KEY: keyFile }, [])).toThrow(`MEJA_TLS_CERT: cannot read ${missing} (no such file).`);
      expect(() => loadConfig({ MEJA_TLS_CERT: certFile, MEJA_TLS_KEY: folder }, [])).toThrow(`MEJA_TLS_KEY: cannot read ${folder} (it is a folder).`);
      // The two files swapped, a file that is no PEM at all, and a key that belongs to another certificate.
      expect(() => loadConfig({ MEJA_TLS_CERT: keyFile, MEJA_TLS_KEY: certFile }, [])).toThrow(`MEJA_TLS_CERT: ${keyFile} holds no PEM certificate`);
      const garbage = join(folder, 'garbage.pem');
      await writeFile(garbage, 'not a key\n');
      expect(() => loadConfig({ MEJA_TLS_CERT: certFile, MEJA_TLS_KEY: garbage }, [])).toThrow(`MEJA_TLS_KEY: ${garbage} holds no unencrypted PEM private key`);
      expect(() => loadConfig({ MEJA_TLS_CERT: certFile, MEJA_TLS_KEY: otherKeyFile }, [])).toThrow(
        `MEJA_TLS_KEY: the key in ${otherKeyFile} does not belong to the certificate in ${certFile}`,
      );
    } finally {
      await certificate.close();
    }
  });

  it('reads MEJA_TRUST_PROXY as a list of addresses and CIDR ranges, and refuses anything that would trust the wrong senders', async () => {
    expect(loadConfig({ MEJA_TRUST_PROXY: '' }, []).trustProxy).toBeNull();
    expect(loadConfig({ MEJA_TRUST_PROXY: ' 127.0.0.1 , 10.0.0.0/8,::1, fd00::/8,loopback ' }, []).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
    const refusals: Array<[string, string]> = [
      ['true', '"true": not an IP address'],
      ['*', '"*": not an IP address'],
      ['2', '"2": not an IP address'],
      ['nginx.internal', '"nginx.internal": not an IP address'],
      ['10.0.0.0/0', '"10.0.0.0/0": the prefix length must be a whole number from 1 to 32'],
      ['10.0.0.0/33', 'from 1 to 32'],
      ['10.0.0.0/255.0.0.0', 'from 1 to 32'],
      ['fd00::/129', 'from 1 to 128'],
      ['127.0.0.1,,10.0.0.1', 'an empty entry'],
      ['127.0.0.1,', 'an empty entry'],
      ['127.0.0.256', '"127.0.0.256": not an IP address'],
    ];
    for (const [value, reason] of refusals) {
      expect(() => loadConfig({ MEJA_TRUST_PROXY: value }, []), value).toThrow(
        /^MEJA_TRUST_PROXY must list the addresses or CIDR ranges of your reverse proxies/,
      );
      expect(() => parseTrustProxy(value), value).toThrow(reason);
    }
    // Whatever this check lets through, Fastify's own parser (proxy-addr) takes too: the server starts with it.
    const database = await createSqliteDatabase();
    const list = parseTrustProxy('127.0.0.1,10.0.0.0/8,172.16.0.0/12,::1,fd00::/8,::ffff:10.0.0.1,fe80::1%eth0,loopback,linklocal,uniquelocal');
    const server = await startServer({ databaseUrl: database.url, port: 0, adminPassword: 'trust-proxy-admin', trustProxy: list });
    await server.close();
    await database.drop();
  });

  it('dates SLA targets with the configured policy', async () => {
    const database = await createSqliteDatabase();
    const slaPolicy = { ...DEFAULT_SLA_POLICY, urgent: { firstResponseMinutes: 5, resolutionMinutes: 30 } };
    const server = await startTestServer(database.url, { slaPolicy });
    try {
      const { token } = await login(server.url, 'admin', server.adminPassword);
      const args = makeCreateArgs({ priority: 'urgent' });
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      await fetch(`${server.url}/api/sync/push`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ protocol: 1, clientId: 'c', mutations: [{ id: randomUUID(), name: 'ticket:create', args }] }),
      });
      const page = (await (await fetch(`${server.url}/api/sync/pull`, { headers })).json()) as PullResponse;
      const ticket = page.changes.find((c) => c.entity === 'ticket' && c.id === args.id);
      if (ticket?.entity !== 'ticket' || ticket.op !== 'put') throw new Error('ticket not in the feed');
      expect(Date.parse(ticket.data.resolutionDueAt) - Date.parse(ticket.data.createdAt)).toBe(30 * 60_000);
      expect(Date.parse(ticket.data.firstResponseDueAt) - Date.parse(ticket.data.createdAt)).toBe(5 * 60_000);
    } finally {
      await server.close();
      await database.drop();
    }
  });
});
