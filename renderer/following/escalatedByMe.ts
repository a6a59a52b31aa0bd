import { Dexie } from 'dexie';
import type { MejaDb } from '../db/database';

/**
 * The tickets `meId` escalated, from the cache's timeline, through the index of escalations
 * alone (EVENT_INDEXES_V5): with the tickets they created, what they follow.
 */
export const readEscalatedByMe = async (db: MejaDb, meId: string): Promise<Set<string>> => {
  const events = await db.events.where('[actorId+data.toTier]').between([meId, Dexie.minKey], [meId, Dexie.maxKey]).toArray();
  return new Set(events.map((event) => event.ticketId));
};
