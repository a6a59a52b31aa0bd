import { randomUUID } from 'node:crypto';
import { openMejaDb, type MejaDb } from '../../renderer/db/database';
import { createDexieLocalDb } from '../../renderer/db/localDb';
import type { PublicUser } from '../../shared/domain/records';
import type { Result } from '../../shared/result';
import { createSyncEngine, type SyncEngine } from '../../shared/sync/engine';
import { createHttpRemote } from '../../shared/sync/httpRemote';
import type { LocalDb } from '../../shared/sync/localStore';
import { entityKey, type AnyEntity, type EntityName, type PullResponse } from '../../shared/sync/protocol';
import { mutate } from '../../shared/sync/syncStore';
import { createSyncSteps, type SyncSteps } from '../../shared/sync/syncSteps';
import { seededRandom } from '../../shared/seededRandom';
import { cleanFaults, createFaultyFetch, type FaultStats, type Faults } from './faultyFetch';

export const login = async (baseUrl: string, username: string, password: string): Promise<{ token: string; user: PublicUser }> => {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { token: string; user: PublicUser };
};

/** The server's whole state as a fresh client would receive it, keyed `entity/id`. */
export const pullAll = async (baseUrl: string, token: string): Promise<Map<string, AnyEntity>> => {
  const state = new Map<string, AnyEntity>();
  let cursor: string | null = null;
  for (;;) {
    const query: string = cursor === null ? 'limit=1000' : `limit=1000&cursor=${encodeURIComponent(cursor)}`;
    const response = await fetch(`${baseUrl}/api/sync/pull?${query}`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`pull: ${response.status} ${await response.text()}`);
    const page = (await response.json()) as PullResponse;
    for (const change of page.changes) {
      const key = entityKey(change.entity, change.id);
      if (change.op === 'put') state.set(key, change.data);
      else state.delete(key);
    }
    cursor = page.cursor;
    if (!page.hasMore) return state;
  }
};

/** Everything a console's cache shows, keyed like pullAll. */
export const cacheState = async (db: MejaDb): Promise<Map<string, AnyEntity>> => {
  const state = new Map<string, AnyEntity>();
  const add = (entity: EntityName, records: AnyEntity[]) => records.forEach((record) => state.set(entityKey(entity, record.id), record));
  add('ticket', await db.tickets.toArray());
  add('event', await db.events.toArray());
  add('note', await db.notes.toArray());
  add('session', await db.sessions.toArray());
  add('user', await db.users.toArray());
  add('reply', await db.replies.toArray());
  add('article', await db.articles.toArray());
  add('articleVersion', await db.articleVersions.toArray());
  add('class', await db.classes.toArray());
  return state;
};

export type TestClient = {
  name: string;
  user: PublicUser;
  token: string;
  db: MejaDb;
  local: LocalDb;
  steps: SyncSteps;
  engine: SyncEngine;
  faults: Faults;
  stats: FaultStats;
  /** Ids of every mutation this client queued (refused-locally ones are not queued). */
  queued: string[];
  mutate(name: string, args: unknown, at?: string): Promise<Result<{ queued: boolean }>>;
  close(): Promise<void>;
};

/** A console without UI: its own IndexedDB (fake-indexeddb in Node), engine and faulty wire. */
export const createTestClient = async (options: {
  baseUrl: string;
  username: string;
  password: string;
  name: string;
  seed: number;
  /** How far this console's clock is off (its changes' times and the push's `sentAt`). */
  clockOffsetMs?: number;
}): Promise<TestClient> => {
  const offset = options.clockOffsetMs ?? 0;
  const now = () => new Date(Date.now() + offset);
  const { token, user } = await login(options.baseUrl, options.username, options.password);
  const random = seededRandom(options.seed);
  const faults = cleanFaults();
  const { fetch: faultyFetch, stats } = createFaultyFetch(faults, random);
  const db = openMejaDb(`meja-test-${options.name}-${randomUUID()}`);
  const local = createDexieLocalDb(db);
  const steps = createSyncSteps(local, randomUUID);
  const remote = createHttpRemote({ baseUrl: options.baseUrl, fetch: faultyFetch, getToken: () => token, random, timeoutMs: 15_000 });
  const engine = createSyncEngine({ steps, remote, random, pushBatchSize: 7, pullLimit: 25, now });
  const queued: string[] = [];
  return {
    name: options.name,
    user,
    token,
    db,
    local,
    steps,
    engine,
    faults,
    stats,
    queued,
    mutate: async (name, args, at = now().toISOString()) => {
      const id = randomUUID();
      const result = await mutate(local, { id, name, args, at, actorId: user.id });
      if (result.ok && result.value.queued) queued.push(id);
      return result;
    },
    close: async () => {
      engine.stop();
      db.close();
      await db.delete();
    },
  };
};
