import { randomUUID } from 'node:crypto';
import { openMejaDb, type MejaDb } from '../../renderer/db/database';
import { createDexieLocalDb } from '../../renderer/db/localDb';
import type { PublicUser } from '../../shared/domain/records';
import { createSyncEngine, type SyncEngine } from '../../shared/sync/engine';
import { createHttpRemote, type FetchLike } from '../../shared/sync/httpRemote';
import type { LiveChanges } from '../../shared/sync/protocol';
import type { Remote } from '../../shared/sync/remote';
import { mutate } from '../../shared/sync/syncStore';
import { createSyncSteps } from '../../shared/sync/syncSteps';
import { login } from './syncClient';

/**
 * A console without UI (Dexie on fake-indexeddb, the real engine over loopback) that counts its pulls
 * and keeps every live batch its stream delivered; `dropBatches` loses the next ones on the way in.
 */
export type LiveConsole = {
  user: PublicUser;
  token: string;
  db: MejaDb;
  engine: SyncEngine;
  pulls(): number;
  batches: LiveChanges[];
  /** The `events` URLs the stream connected with. */
  connects: string[];
  dropBatches(count: number): void;
  mutate(name: string, args: unknown): Promise<void>;
  close(): Promise<void>;
};

export const openLiveConsole = async (options: {
  baseUrl: string;
  username: string;
  password: string;
  /** Pull the user's working set (default: the whole feed). */
  scoped?: boolean;
  /** False: a console that does not ask for live batches, as one before them. */
  live?: boolean;
}): Promise<LiveConsole> => {
  const { token, user } = await login(options.baseUrl, options.username, options.password);
  let pulls = 0;
  const connects: string[] = [];
  const counting: FetchLike = async (url, init) => {
    if (url.includes('/api/sync/pull')) pulls += 1;
    if (url.includes('/api/sync/events')) connects.push(url);
    return fetch(url, init as RequestInit);
  };
  const http = createHttpRemote({ baseUrl: options.baseUrl, fetch: counting, getToken: () => token });
  const batches: LiveChanges[] = [];
  let toDrop = 0;
  const remote: Remote = {
    ...http,
    subscribe: (onPoke, onConnection, live) =>
      http.subscribe(
        onPoke,
        onConnection,
        live === undefined
          ? undefined
          : {
              ...live,
              onChanges: (batch) => {
                batches.push(batch);
                if (toDrop > 0) {
                  toDrop -= 1;
                  return;
                }
                live.onChanges(batch);
              },
            },
      ),
  };
  const db = openMejaDb(`meja-live-${user.username}-${randomUUID()}`);
  const local = createDexieLocalDb(db);
  const engine = createSyncEngine({
    steps: createSyncSteps(local, randomUUID),
    remote,
    ...(options.scoped === true ? { scope: { userId: user.id } } : {}),
    ...(options.live === false ? { live: false } : {}),
  });
  return {
    user,
    token,
    db,
    engine,
    pulls: () => pulls,
    batches,
    connects,
    dropBatches: (count) => {
      toDrop = count;
    },
    mutate: async (name, args) => {
      const result = await mutate(local, { id: randomUUID(), name, args, at: new Date().toISOString(), actorId: user.id });
      if (!result.ok) throw new Error(`${name} refused locally: ${result.error.message}`);
    },
    close: async () => {
      engine.stop();
      db.close();
      await db.delete();
    },
  };
};
