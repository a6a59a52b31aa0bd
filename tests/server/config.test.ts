import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { DEFAULT_SLA_POLICY } from '../../shared/domain/sla';
import type { PullResponse } from '../../shared/sync/protocol';
import { createSqliteDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { login } from '../support/syncClient';
import { startTestServer } from '../support/testServer';

describe('server configuration', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({}, []);
    expect(config).toMatchObject({ databaseUrl: 'sqlite:./data/meja.sqlite', port: 4780, host: '127.0.0.1', sessionHours: 168, demo: false, slaPolicy: DEFAULT_SLA_POLICY });
    expect(config).toMatchObject({ trackRate: 20, loginAccountRate: 10, loginAddressRate: 30 });
    expect(config.adminPassword).toBeUndefined();
    expect(loadConfig({ MEJA_PORT: '5000', MEJA_DATABASE_URL: 'postgres://x/y' }, ['--demo'])).toMatchObject({ port: 5000, demo: true, databaseUrl: 'postgres://x/y' });
  });

  it('stops with a reason on bad values', () => {
    expect(() => loadConfig({ MEJA_PORT: 'eighty' }, [])).toThrow('MEJA_PORT must be a whole number');
    expect(() => loadConfig({ MEJA_LOGIN_ACCOUNT_RATE: '0' }, [])).toThrow('MEJA_LOGIN_ACCOUNT_RATE must be a whole number from 1');
    expect(loadConfig({ MEJA_LOGIN_ACCOUNT_RATE: '5', MEJA_LOGIN_ADDRESS_RATE: '100' }, [])).toMatchObject({ loginAccountRate: 5, loginAddressRate: 100 });
    expect(() => loadConfig({ MEJA_DATABASE_URL: 'mysql://db' }, [])).toThrow('MEJA_DATABASE_URL must start with sqlite: or postgres://');
    expect(() => loadConfig({ MEJA_SLA_POLICY: '{"urgent": 5}' }, [])).toThrow('MEJA_SLA_POLICY: Invalid SLA policy: urgent');
  });

  it('dates SLA targets with the configured policy', async () => {
    const database = await createSqliteDatabase();
    const slaPolicy = { ...DEFAULT_SLA_POLICY, urgent: { firstResponseMinutes: 5, resolutionMinutes: 30 } };
    const server = await startTestServer(database.url, { slaPolicy });
    try {
      const { token } = await login(server.url, 'admin', server.adminPassword);
      const args = makeCreateArgs({ priority: 'urgent' });
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      await fetch(`${server.url}/api/sync/push`, { method: 'POST', headers, body: JSON.stringify({ protocol: 1, clientId: 'c', mutations: [{ id: randomUUID(), name: 'ticket:create', args }] }) });
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
