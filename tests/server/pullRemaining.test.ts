import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../shared/sync/protocol';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { signInTechnician, startTestServer, type TestServer } from '../support/testServer';

describe.each(DATABASE_KINDS)('pull remaining on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let token: string;

  const pull = async (cursor: string | null, limit: number, extra = ''): Promise<PullResponse> => {
    const query = (cursor === null ? `limit=${limit}` : `limit=${limit}&cursor=${encodeURIComponent(cursor)}`) + extra;
    const response = await fetch(`${server.url}/api/sync/pull?${query}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as PullResponse;
  };

  const pushTickets = async (count: number) => {
    const mutations = Array.from({ length: count }, () => ({ id: randomUUID(), name: 'ticket:create', args: makeCreateArgs() }));
    const response = await fetch(`${server.url}/api/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ protocol: 1, clientId: 'remaining-test', mutations }),
    });
    expect(response.status).toBe(200);
  };

  const pages = async (cursor: string | null, limit: number): Promise<PullResponse[]> => {
    const all: PullResponse[] = [];
    let next = cursor;
    for (;;) {
      const page = await pull(next, limit);
      all.push(page);
      next = page.cursor;
      if (!page.hasMore) return all;
    }
  };

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url);
    token = await signInTechnician(server);
    // Each ticket adds two feed entries (the ticket and its created event).
    await pushTickets(20);
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('counts down to 0 across the pages of a first sync, always what the later pages hold', async () => {
    const all = await pages(null, 7);
    expect(all.length).toBeGreaterThan(3);
    const total = all.reduce((sum, page) => sum + page.changes.length, 0);
    let received = 0;
    for (const page of all) {
      received += page.changes.length;
      // Nothing is written meanwhile, so every count is exact: received + remaining is the whole feed.
      expect(page.remaining).toBe(total - received);
    }
    expect(all.at(-1)).toMatchObject({ hasMore: false, remaining: 0 });
    const remainings = all.map((page) => page.remaining ?? -1);
    expect(remainings).toEqual([...remainings].sort((a, b) => b - a));
  });

  it('answers 0 without counting when a catch-up fits in one page', async () => {
    const caughtUp = (await pages(null, 1000)).at(-1);
    await pushTickets(2);
    const page = await pull(caughtUp?.cursor ?? null, 1000);
    expect(page).toMatchObject({ hasMore: false, remaining: 0 });
    expect(page.changes).toHaveLength(4);
  });

  it('counts what was committed after an earlier page, so a long catch-up still ends at 0', async () => {
    const start = (await pages(null, 1000)).at(-1)?.cursor ?? null;
    await pushTickets(5);
    const first = await pull(start, 4);
    expect(first).toMatchObject({ hasMore: true, remaining: 6 });
    await pushTickets(1);
    const rest = await pages(first.cursor, 4);
    expect(rest[0]?.remaining).toBe(6 + 2 - 4);
    expect(rest.reduce((sum, page) => sum + page.changes.length, 0)).toBe(8);
    expect(rest.at(-1)?.remaining).toBe(0);
  });

  it('leaves the count out when asked to (count=0), and still says 0 on the last page', async () => {
    const counted = await pull(null, 5);
    expect(counted.remaining).toBeGreaterThan(0);
    const uncounted = await pull(null, 5, '&count=0');
    expect(uncounted.hasMore).toBe(true);
    expect('remaining' in uncounted).toBe(false);
    // The same page either way.
    expect(uncounted.changes).toEqual(counted.changes);
    const last = (await pages(null, 1000)).at(-1);
    expect(await pull(last?.cursor ?? null, 5, '&count=0')).toMatchObject({ hasMore: false, remaining: 0 });
  });

  it('refuses a count other than 0 or 1 with a clear message', async () => {
    const response = await fetch(`${server.url}/api/sync/pull?limit=5&count=maybe`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(/count/);
  });
});
