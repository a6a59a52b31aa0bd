import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import type { Ticket } from '../../shared/domain/ticket';
import type { PullResponse } from '../../shared/sync/protocol';

/*
 * Browser entry of the RxDB peer in the first-sync benchmark (bench/firstSyncRun.ts bundles it
 * with esbuild and serves it same-origin with the server). It replicates Meja's tickets with
 * RxDB's own machinery: its free Dexie-based storage and its replication plugin, pulling
 * from Meja's real GET /api/sync/pull. Only fetch, performance, globalThis and IndexedDB (through
 * Dexie) are used, so it type-checks with the bench's Node types.
 */

const str = (maxLength: number) => ({ type: 'string', maxLength }) as const;
const nullableStr = { type: ['string', 'null'] } as const;
// ISO 8601 UTC timestamps are 24 characters; a little room for other forms.
const time = str(40);

/**
 * Meja's Ticket as an RxDB schema, with the same ticket indexes as the console's Dexie cache
 * (renderer/db/database.ts, version 3: code, status, category).
 */
export const ticketSchema: RxJsonSchema<Ticket> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: str(64),
    number: { type: ['integer', 'null'] },
    code: str(64),
    title: { type: 'string' },
    description: { type: 'string' },
    requester: { type: 'object', properties: { name: { type: 'string' }, contact: nullableStr }, required: ['name', 'contact'] },
    category: str(60),
    priority: str(16),
    channel: { type: 'string' },
    status: str(16),
    tier: { type: 'integer', minimum: 1, maximum: 3, multipleOf: 1 },
    assigneeId: nullableStr,
    resolution: nullableStr,
    createdBy: { type: 'string' },
    createdAt: time,
    updatedAt: time,
    firstRespondedAt: nullableStr,
    resolvedAt: nullableStr,
    closedAt: nullableStr,
    reopenCount: { type: 'integer' },
    callMs: { type: 'number' },
    firstResponseDueAt: { type: 'string' },
    resolutionDueAt: time,
    pendingSince: nullableStr,
    pausedMs: { type: 'number' },
    tags: { type: 'array', items: { type: 'string' } },
    links: { type: 'array', items: { type: 'object', properties: { otherId: { type: 'string' }, kind: { type: 'string' } } } },
    isProblem: { type: 'boolean' },
    articles: { type: 'array', items: { type: 'string' } },
    attachments: { type: 'array', items: { type: 'object' } },
  },
  required: ['id', 'code', 'status', 'tier', 'priority', 'category', 'createdAt', 'updatedAt', 'resolutionDueAt'],
  indexes: ['code', 'status', 'category'],
};

type Checkpoint = { cursor: string };

export type PeerResult = { startedAt: number; replicatedAt: number; countedAt: number; count: number; pulls: number; error: string | null };

/**
 * Signs in, creates an RxDB database on Dexie storage and replicates Meja's tickets with a pull
 * handler over /api/sync/pull (checkpoint: Meja's cursor; events in the feed are skipped), until
 * awaitInitialReplication() resolves and the collection counts `expected` tickets. Times are
 * wall-clock ms (performance.timeOrigin-based), the start taken just before the login request.
 */
export const runRxdbPeer = async (username: string, password: string, expected: number, batchSize: number): Promise<PeerResult> => {
  const now = () => performance.timeOrigin + performance.now();
  const startedAt = now();
  const login = await fetch('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!login.ok) throw new Error(`login: ${login.status}`);
  const { token } = (await login.json()) as { token: string };

  const db = await createRxDatabase({ name: `meja-rxdb-peer-${Date.now()}`, storage: getRxStorageDexie(), multiInstance: false });
  const { tickets } = await db.addCollections({ tickets: { schema: ticketSchema } });
  let pulls = 0;
  const replication = replicateRxCollection<Ticket, Checkpoint>({
    collection: tickets,
    replicationIdentifier: 'meja-sync-pull',
    live: false,
    pull: {
      batchSize,
      // RxDB ends the initial pull at the first batch shorter than batchSize, so pages of the feed
      // are read until a batch is full of tickets or the feed ends (events are not kept).
      handler: async (checkpoint, size) => {
        const documents: (Ticket & { _deleted: boolean })[] = [];
        // RxDB merges checkpoints with Object.assign, so Meja's cursor string travels inside an object.
        let cursor = checkpoint?.cursor;
        for (;;) {
          // count=0: the peer shows no progress, so it does not make the server count what remains.
          const query = `limit=${size - documents.length}&count=0${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
          const response = await fetch(`/api/sync/pull?${query}`, { headers: { authorization: `Bearer ${token}` } });
          if (!response.ok) throw new Error(`pull: ${response.status}`);
          const page = (await response.json()) as PullResponse;
          pulls += 1;
          for (const change of page.changes) {
            if (change.entity !== 'ticket') continue;
            if (change.op === 'put') documents.push({ ...change.data, _deleted: false });
            // A deleted ticket: RxDB wants a whole document; the id is all the feed keeps.
            else documents.push({ id: change.id, _deleted: true } as Ticket & { _deleted: boolean });
          }
          cursor = page.cursor;
          if (documents.length >= size || !page.hasMore) return { documents, checkpoint: { cursor } };
        }
      },
    },
  });
  const failures: string[] = [];
  // RxDB retries a failing pull forever; the first error ends the run instead.
  const failed = new Promise<void>((resolve) => {
    replication.error$.subscribe((error) => {
      failures.push(String(error));
      resolve();
    });
  });
  await Promise.race([replication.awaitInitialReplication(), failed]);
  const replicatedAt = now();
  // After a failed pull the replication may not wind down: report at once, leave the page as it is.
  if (failures.length > 0) return { startedAt, replicatedAt, countedAt: replicatedAt, count: 0, pulls, error: failures[0] ?? null };
  let count = await tickets.count().exec();
  while (count < expected && failures.length === 0) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    count = await tickets.count().exec();
  }
  const countedAt = now();
  await replication.cancel();
  await db.close();
  return { startedAt, replicatedAt, countedAt, count, pulls, error: failures[0] ?? null };
};

(globalThis as { __rxdbPeer?: typeof runRxdbPeer }).__rxdbPeer = runRxdbPeer;
