import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import type { PublicUser } from '../../shared/domain/records';
import type { MejaDb } from '../db/database';

const NO_USERS: ReadonlyMap<string, PublicUser> = new Map();

/** Staff by id, for names on tickets and timelines; live, so the first sync fills them in. */
export const useUsers = (db: MejaDb): ReadonlyMap<string, PublicUser> => {
  const users = useLiveQuery(() => db.users.toArray(), [db]);
  return useMemo(() => (users === undefined ? NO_USERS : new Map(users.map((user) => [user.id, user]))), [users]);
};

/** The current time as an ISO string, refreshed every `intervalMs` (SLA states move with the clock). */
export const useNow = (intervalMs = 30_000): string => {
  const [now, setNow] = useState(() => new Date().toISOString());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date().toISOString()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
};
