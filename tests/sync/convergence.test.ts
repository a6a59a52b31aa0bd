/**
 * Convergence: several consoles (each its own IndexedDB, engine and faulty wire) make random
 * changes against one real server while going offline, losing requests and answers, and syncing
 * at random moments, also while other changes are being made. Afterwards every cache must equal
 * the server, every queued change must have been applied exactly once or reported as rejected.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedTransitions } from '../../shared/domain/status';
import { PRIORITIES } from '../../shared/domain/ticket';
import { cleanFaults } from '../support/faultyFetch';
import { createDatabase, databaseKinds, type TestDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { cacheState, createTestClient, login, pullAll, type TestClient } from '../support/syncClient';
import { appliedMutationStatuses, startTestServer, type TestServer } from '../support/testServer';

const STEP_KINDS = ['create', 'create', 'update', 'assign', 'transition', 'transition', 'transition', 'escalate', 'note', 'session', 'sync', 'sync', 'sync', 'offline', 'online', 'lossy', 'lossy', 'clean', 'race'] as const;
type Step = { client: number; kind: (typeof STEP_KINDS)[number]; pick: number; value: number };

const CLIENTS = 3;
const RUNS = Number(process.env.MEJA_CONVERGENCE_RUNS ?? 10);
const stepArb = fc.record({ client: fc.nat(CLIENTS - 1), kind: fc.constantFrom(...STEP_KINDS), pick: fc.nat(10_000), value: fc.nat(10_000) });
const runArb = fc.record({ seed: fc.nat(), steps: fc.array(stepArb, { minLength: 30, maxLength: 90 }) });

/** Every console changes the status of the same ticket from what it believes: at most one can win each edge. */
const race = async (clients: TestClient[], step: Step): Promise<void> => {
  const [first] = clients;
  const shared = first === undefined ? [] : await first.db.tickets.orderBy('id').limit(1).toArray();
  const ticketId = shared[0]?.id;
  if (ticketId === undefined) return;
  for (const [i, client] of clients.entries()) {
    const ticket = await client.db.tickets.get(ticketId);
    if (ticket === undefined) continue;
    const options = allowedTransitions(ticket.status);
    const to = options[(step.value + i) % options.length] ?? 'open';
    await client.mutate('ticket:transition', { id: ticketId, from: ticket.status, to, ...(to === 'resolved' ? { resolution: 'Race fix' } : {}) });
  }
};

const perform = async (client: TestClient, step: Step, running: Array<Promise<unknown>>): Promise<void> => {
  const tickets = await client.db.tickets.orderBy('id').toArray();
  // Most steps aim at the same few tickets, so that consoles really do collide.
  const pool = step.pick % 3 === 0 ? tickets.length : Math.min(tickets.length, 3);
  const target = pool === 0 ? undefined : tickets[step.pick % pool];
  switch (step.kind) {
    case 'create':
      await client.mutate('ticket:create', makeCreateArgs({ title: `Call ${step.value}`, priority: PRIORITIES[step.value % PRIORITIES.length] ?? 'normal' }));
      return;
    case 'update':
      if (target) await client.mutate('ticket:update', step.value % 2 === 0 ? { id: target.id, title: `Edited ${step.value}` } : { id: target.id, priority: PRIORITIES[step.value % 4] });
      return;
    case 'assign': {
      if (!target) return;
      const users = (await client.db.users.orderBy('id').toArray()).filter((user) => user.role === 'technician');
      const assignee = users[step.value % (users.length + 1)];
      await client.mutate('ticket:assign', { id: target.id, assigneeId: assignee?.id ?? null });
      return;
    }
    case 'transition': {
      if (!target) return;
      const options = allowedTransitions(target.status);
      const to = options[step.value % options.length] ?? 'open';
      await client.mutate('ticket:transition', { id: target.id, from: target.status, to, ...(to === 'resolved' ? { resolution: `Fixed in step ${step.value}` } : {}) });
      return;
    }
    case 'escalate':
      if (target) await client.mutate('ticket:escalate', { id: target.id, toTier: Math.min(3, target.tier + 1 + (step.value % 2)), reason: `Needs tier ${target.tier + 1}` });
      return;
    case 'note':
      if (target) await client.mutate('note:add', { id: randomUUID(), ticketId: target.id, body: `Note ${step.value}`, visibility: step.value % 2 === 0 ? 'public' : 'internal' });
      return;
    case 'session': {
      if (!target) return;
      const open = (await client.db.sessions.where('ticketId').equals(target.id).toArray()).find((s) => s.technicianId === client.user.id && s.endedAt === null);
      const now = new Date().toISOString();
      if (open) {
        const { id, ticketId, tool, target: machine, startedAt, consent, steps } = open;
        await client.mutate('session:save', { id, ticketId, tool, target: machine, startedAt, consent, endedAt: now, outcome: 'resolved', steps: [...steps, { at: now, text: `Step ${step.value}` }] });
      } else {
        await client.mutate('session:save', { id: randomUUID(), ticketId: target.id, tool: 'rdp', target: `PC-${step.value}`, startedAt: now, consent: true, steps: [] });
      }
      return;
    }
    case 'sync':
      // Not awaited: the next steps run while this sync is in flight.
      running.push(client.engine.syncNow());
      return;
    case 'offline':
      client.faults.offline = true;
      return;
    case 'online':
      client.faults.offline = false;
      return;
    case 'lossy':
      client.faults.dropRequest = 0.35;
      client.faults.dropResponse = 0.35;
      return;
    case 'clean':
      Object.assign(client.faults, cleanFaults());
      return;
    case 'race':
      return; // handled across clients by the caller
  }
};

const settleAll = async (clients: TestClient[]): Promise<void> => {
  for (let round = 0; round < 10; round += 1) {
    for (const client of clients) {
      const result = await client.engine.syncNow();
      if (!result.ok) throw result.error;
    }
    const busy = await Promise.all(clients.map(async (c) => (await c.db.outbox.count()) > 0));
    if (!busy.includes(true)) break;
  }
  // One more round so that everyone pulls what the others pushed last.
  for (const client of clients) {
    const result = await client.engine.syncNow();
    if (!result.ok) throw result.error;
  }
};

const sorted = (state: Map<string, unknown>) => [...state.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

const kinds = await databaseKinds();

describe.each(kinds)('convergence on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let adminToken: string;
  const totals = { runs: 0, queued: 0, applied: 0, rejected: 0, droppedRequests: 0, droppedResponses: 0, offline: 0 };

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url);
    adminToken = (await login(server.url, 'admin', server.adminPassword)).token;
    for (const [username, tier] of [['tina', 1], ['sam', 2], ['rita', 3]] as const) {
      await server.createUser(adminToken, { username, password: 'convergence-pass', displayName: username, role: 'technician', tier });
    }
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
    // Printed so the closing note can quote what the runs exercised.
    process.stdout.write(`convergence ${kind}: ${JSON.stringify(totals)}\n`);
  });

  it('every cache equals the server and every change is applied once or reported', async () => {
    await fc.assert(
      fc.asyncProperty(runArb, async ({ seed, steps }) => {
        const clients = await Promise.all(
          ['tina', 'sam', 'rita'].map((username, i) => createTestClient({ baseUrl: server.url, username, password: 'convergence-pass', name: `${kind}-${username}`, seed: seed + i })),
        );
        try {
          const running: Array<Promise<unknown>> = [];
          for (const step of steps) {
            const client = clients[step.client];
            if (step.kind === 'race') await race(clients, step);
            else if (client) await perform(client, step, running);
          }
          for (const client of clients) Object.assign(client.faults, cleanFaults());
          await Promise.all(running);
          await settleAll(clients);

          const serverState = await pullAll(server.url, adminToken);
          const statuses = await appliedMutationStatuses(database.url);
          for (const client of clients) {
            expect(await client.db.outbox.count(), `${client.name} outbox`).toBe(0);
            expect(await client.db.bases.count(), `${client.name} bases`).toBe(0);
            const cache = await cacheState(client.db);
            expect([...cache.keys()].sort(), `${client.name} keys`).toEqual([...serverState.keys()].sort());
            expect(sorted(cache), `${client.name} records`).toEqual(sorted(serverState));
            const rejected = new Set((await client.db.rejected.toArray()).map((r) => r.id));
            for (const id of client.queued) {
              const status = statuses.get(id);
              expect(status, `mutation ${id} of ${client.name} reached the server`).toBeDefined();
              expect(status === 'rejected', `mutation ${id}: rejected on the server iff reported`).toBe(rejected.has(id));
            }
            totals.queued += client.queued.length;
            totals.rejected += rejected.size;
            totals.applied += client.queued.filter((id) => statuses.get(id) === 'applied').length;
            totals.droppedRequests += client.stats.droppedRequests;
            totals.droppedResponses += client.stats.droppedResponses;
            totals.offline += client.stats.refusedOffline;
          }
          // Ticket numbers are gapless and unique: no create applied twice or lost.
          const numbers = [...serverState.values()].flatMap((r) => ('number' in r && 'code' in r ? [r.number] : [])).sort((a, b) => (a ?? 0) - (b ?? 0));
          expect(numbers).toEqual(numbers.map((_, i) => i + 1));
          totals.runs += 1;
        } finally {
          await Promise.all(clients.map((client) => client.close()));
        }
      }),
      { numRuns: RUNS, endOnFailure: process.env.CI === 'true' },
    );
    expect(totals.runs).toBeGreaterThanOrEqual(RUNS);
  }, 300_000);
});
