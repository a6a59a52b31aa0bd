import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entityKey, type Change, type PullResponse } from '../../shared/sync/protocol';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { signInTechnician, startTestServer, type TestServer } from '../support/testServer';

/*
 * A pull from scratch brings tickets and users first, then the rest of the history, then follows
 * the feed (server/sync/bootstrap.ts). The client's state at the end must be the server's,
 * whatever is written while it pulls.
 */

const FIRST = new Set(['ticket', 'user']);

describe.each(DATABASE_KINDS)('pull from scratch on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let token: string;

  const pull = async (cursor: string | null, limit: number): Promise<PullResponse> => {
    const query = cursor === null ? `limit=${limit}` : `limit=${limit}&cursor=${encodeURIComponent(cursor)}`;
    const response = await fetch(`${server.url}/api/sync/pull?${query}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as PullResponse;
  };

  const push = async (mutations: Array<{ name: string; args: unknown }>) => {
    const response = await fetch(`${server.url}/api/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ protocol: 1, clientId: 'bootstrap-test', mutations: mutations.map((m) => ({ id: randomUUID(), ...m })) }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { results: Array<{ status: string }> };
    expect(body.results.map((result) => result.status)).toEqual(mutations.map(() => 'applied'));
  };

  /** A ticket with a note: the feed interleaves the ticket, its events and its note, as a desk's does. */
  const ticketWithNote = () => {
    const args = makeCreateArgs();
    return [
      { name: 'ticket:create', args },
      { name: 'note:add', args: { id: randomUUID(), ticketId: args.id, body: 'Called back', visibility: 'internal' } },
    ];
  };

  /** Applies pages as a console does: each change replaces or deletes its record. */
  const applyAll = (state: Map<string, Change>, pages: PullResponse[]) => {
    for (const page of pages) for (const change of page.changes) state.set(entityKey(change.entity, change.id), change);
  };
  const records = (state: Map<string, Change>) => new Map([...state].flatMap(([key, change]) => (change.op === 'put' ? [[key, change.data] as const] : [])));

  const pullAll = async (
    limit: number,
    between: (pageNumber: number, page: PullResponse) => Promise<void> = async () => undefined,
  ): Promise<PullResponse[]> => {
    const pages: PullResponse[] = [];
    let cursor: string | null = null;
    for (;;) {
      const page = await pull(cursor, limit);
      pages.push(page);
      cursor = page.cursor;
      if (!page.hasMore) return pages;
      await between(pages.length, page);
    }
  };

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url);
    token = await signInTechnician(server);
    await push(Array.from({ length: 12 }, ticketWithNote).flat());
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('brings every ticket and user before any other record, and then all of them', async () => {
    const pages = await pullAll(5);
    const entities = pages.flatMap((page) => page.changes.map((change) => change.entity));
    const firstOther = entities.findIndex((entity) => !FIRST.has(entity));
    expect(firstOther).toBeGreaterThan(12);
    expect(entities.slice(firstOther).some((entity) => FIRST.has(entity))).toBe(false);
    expect(new Set(entities)).toEqual(new Set(['ticket', 'user', 'event', 'note']));
    // Nothing was written meanwhile: each record came once, and the counts were exact.
    const keys = pages.flatMap((page) => page.changes.map((change) => entityKey(change.entity, change.id)));
    expect(new Set(keys).size).toBe(keys.length);
    let received = 0;
    for (const page of pages) {
      received += page.changes.length;
      expect(page.remaining).toBe(keys.length - received);
    }
  });

  it('ends equal to the server when tickets, edits and notes are written during each pass', async () => {
    const state = new Map<string, Change>();
    let edited: string | null = null;
    const pages = await pullAll(4, async (pageNumber, page) => {
      applyAll(state, [page]);
      // Writes stop after a while, or they would outpace pages of four.
      if (pageNumber > 24) return;
      // A new ticket with its note, and an edit of a ticket this pull may already have sent.
      await push(ticketWithNote());
      const early = [...state.values()].find((change) => change.entity === 'ticket');
      if (early !== undefined && pageNumber % 3 === 0) {
        edited = early.id;
        await push([{ name: 'ticket:update', args: { id: early.id, title: `Edited during page ${pageNumber}` } }]);
      }
    });
    applyAll(state, pages.slice(-1));
    expect(edited).not.toBeNull();
    // A pull from scratch once nothing moves is the feed at rest: what the server holds.
    const atRest = new Map<string, Change>();
    applyAll(atRest, await pullAll(1000));
    expect(records(state)).toEqual(records(atRest));
    expect(records(state).size).toBeGreaterThan(12 * 4);
  });

  it('refuses a cursor whose pass is malformed', async () => {
    const page = await pull(null, 2);
    const body = JSON.parse(Buffer.from(page.cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    // The live pass (`f` 2) comes first.
    expect(body.f).toBe(2);
    for (const broken of [
      { ...body, f: 3 },
      { ...body, f: 2, l: [1, 2] },
      { ...body, f: 1, l: [1] },
      { ...body, f: 1, u: [1, 2] },
      { ...body, f: undefined, u: [1] },
    ]) {
      const cursor = Buffer.from(JSON.stringify(broken)).toString('base64url');
      const response = await fetch(`${server.url}/api/sync/pull?cursor=${cursor}`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(400);
    }
  });
});
