import { Dexie } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openMejaDb, type MejaDb } from '../db/database';
import { createDexieLocalDb } from '../db/localDb';
import { makeTicket } from '../../tests/support/factories';
import { createLiveQueueIndex } from './liveQueueIndex';
import { trackTicketChanges } from './ticketChanges';

let db: MejaDb | null = null;
afterEach(async () => {
  db?.close();
  if (db !== null) await Dexie.delete(db.name);
});

describe('live queue index', () => {
  it('holds every committed ticket when pages of a sync and a lone edit arrive back to back', async () => {
    db = openMejaDb(`live-${Math.random()}`);
    const { db: local, changes } = trackTicketChanges(createDexieLocalDb(db));
    const live = createLiveQueueIndex(db, changes);
    live.start();
    await vi.waitFor(() => expect(live.progress().isLoading).toBe(false));

    const pages = Array.from({ length: 6 }, () => Array.from({ length: 200 }, () => makeTicket()));
    for (const page of pages) await local.transaction((tx) => tx.putMany('ticket', page));
    const edited = { ...(pages[0]?.[0] ?? makeTicket()), title: 'Edited right after the pages' };
    const gone = pages[1]?.[0]?.id ?? '';
    await local.transaction(async (tx) => {
      await tx.putMany('ticket', [edited]);
      await tx.deleteMany('ticket', [gone]);
    });

    await vi.waitFor(() => expect(live.index.size()).toBe(6 * 200 - 1));
    expect(live.index.get(edited.id)?.title).toBe('Edited right after the pages');
    expect(live.index.get(gone)).toBeUndefined();
    live.stop();
  });
});
