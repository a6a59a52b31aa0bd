import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { MejaDb } from '../db/database';
import { readEscalatedByMe } from './escalatedByMe';

/** The tickets I escalated, live: an escalation made here or on another console joins at once. */
export const useEscalatedByMe = (db: MejaDb, meId: string): ReadonlySet<string> => {
  // Sorted ids as one key: an event write may wake the query, and an unchanged answer must keep
  // the set's identity, or the queue would count its views again for nothing.
  const key = useLiveQuery(async () => [...(await readEscalatedByMe(db, meId))].sort().join('\n'), [db, meId]) ?? '';
  return useMemo(() => new Set(key === '' ? [] : key.split('\n')), [key]);
};
