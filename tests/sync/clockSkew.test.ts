import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatsSummaryResponse } from '../../shared/stats/api';
import type { Ticket } from '../../shared/domain/ticket';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { call, pullToEnd } from '../support/http';
import { createTestClient, login, type TestClient } from '../support/syncClient';
import { startTestServer, type TestServer } from '../support/testServer';

const DAY_MS = 86_400_000;

const ticketIn = (changes: Awaited<ReturnType<typeof pullToEnd>>['changes'], id: string): Ticket => {
  const change = changes.findLast((c) => c.entity === 'ticket' && c.id === id);
  if (change?.entity !== 'ticket' || change.op !== 'put') throw new Error(`ticket ${id} missing from the feed`);
  return change.data;
};

/** Whether an ISO time lies in [from, to] of the real clock. */
const within = (iso: string | null, from: number, to: number): boolean => iso !== null && Date.parse(iso) >= from && Date.parse(iso) <= to;

describe.each(DATABASE_KINDS)('consoles whose clocks are a day off, on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let supervisorToken: string;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url);
    const admin = await login(server.url, 'admin', server.adminPassword);
    await server.createUser(admin.token, { username: 'tina', password: 'skewed-password', displayName: 'Tina', role: 'technician', tier: 1 });
    await server.createUser(admin.token, { username: 'sam', password: 'skewed-password', displayName: 'Sam', role: 'technician', tier: 1 });
    await server.createUser(admin.token, { username: 'sue', password: 'skewed-password', displayName: 'Sue', role: 'supervisor' });
    supervisorToken = (await login(server.url, 'sue', 'skewed-password')).token;
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await server?.close();
    await database?.drop();
  });

  it('date, number and measure their work by the server clock', async () => {
    const ahead = await createTestClient({
      baseUrl: server.url,
      username: 'tina',
      password: 'skewed-password',
      name: `${kind}-ahead`,
      seed: 1,
      clockOffsetMs: DAY_MS,
    });
    const behind = await createTestClient({
      baseUrl: server.url,
      username: 'sam',
      password: 'skewed-password',
      name: `${kind}-behind`,
      seed: 2,
      clockOffsetMs: -DAY_MS,
    });
    clients.push(ahead, behind);
    const start = Date.now();

    // Tina, a day ahead, opens the first ticket; Sam, a day behind, opens the second one after it.
    const first = makeCreateArgs({ title: 'Opened by a clock a day ahead', priority: 'high' });
    expect((await ahead.mutate('ticket:create', first)).ok).toBe(true);
    expect((await ahead.engine.syncNow()).ok).toBe(true);
    const second = makeCreateArgs({ title: 'Opened by a clock a day behind' });
    expect((await behind.mutate('ticket:create', second)).ok).toBe(true);
    expect((await behind.engine.syncNow()).ok).toBe(true);

    // Sam works and resolves Tina's ticket: by his clock, two days before it was opened.
    expect((await behind.engine.syncNow()).ok).toBe(true);
    expect((await behind.mutate('ticket:transition', { id: first.id, from: 'new', to: 'open' })).ok).toBe(true);
    expect((await behind.mutate('ticket:transition', { id: first.id, from: 'open', to: 'resolved', resolution: 'Reseated the cable' })).ok).toBe(true);
    expect((await behind.engine.syncNow()).ok).toBe(true);
    expect(await behind.steps.pendingCount()).toBe(0);
    const end = Date.now();
    // Each console learns how far the server's clock is from its own, for the SLA clocks it shows.
    expect(Math.abs(ahead.engine.status().clockOffsetMs + DAY_MS)).toBeLessThan(5_000);
    expect(Math.abs(behind.engine.status().clockOffsetMs - DAY_MS)).toBeLessThan(5_000);

    const { changes } = await pullToEnd(server.url, supervisorToken);
    const opened = ticketIn(changes, first.id);
    const later = ticketIn(changes, second.id);
    // Times are the server's: inside this test's real span, not a day off either way.
    expect(within(opened.createdAt, start, end)).toBe(true);
    expect(within(later.createdAt, start, end)).toBe(true);
    expect(within(opened.resolvedAt, start, end)).toBe(true);
    expect(Date.parse(opened.resolvedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(opened.createdAt));
    // The SLA clock starts at the server's creation time (high priority: resolution due in 8 hours).
    expect(Date.parse(opened.resolutionDueAt) - Date.parse(opened.createdAt)).toBe(8 * 3_600_000);
    // Numbers follow the order the server received the tickets, not the clocks' order.
    expect(later.number).toBe((opened.number ?? 0) + 1);

    // The supervisor's figures: resolved in under an hour, within its SLA, nothing breaching.
    const period = `from=${new Date(start - DAY_MS).toISOString()}&to=${new Date(end + DAY_MS).toISOString()}`;
    const summary = await call(server.url, 'GET', `/api/stats/summary?${period}`, supervisorToken);
    expect(summary.status).toBe(200);
    const body = summary.body as unknown as StatsSummaryResponse;
    expect(body.resolutionTimeDistribution.find((band) => band.band === 'under1h')?.count).toBe(1);
    expect(body.resolutionTimeDistribution.reduce((sum, band) => sum + band.count, 0)).toBe(1);
    expect(body.breachingNow).toBe(0);
  });
});
