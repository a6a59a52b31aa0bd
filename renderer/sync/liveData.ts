import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import type { PublicUser } from '../../shared/domain/records';
import { useApp } from '../app/store';
import type { MejaDb } from '../db/database';

const NO_USERS: ReadonlyMap<string, PublicUser> = new Map();

/** Staff by id, for names on tickets and timelines; live, so the first sync fills them in. */
export const useUsers = (db: MejaDb): ReadonlyMap<string, PublicUser> => {
  const users = useLiveQuery(() => db.users.toArray(), [db]);
  return useMemo(() => (users === undefined ? NO_USERS : new Map(users.map((user) => [user.id, user]))), [users]);
};

/** The server's time now, given this console's clock and how far the server's is from it. */
export const serverNow = (localMs: number, clockOffsetMs: number): string => new Date(localMs + clockOffsetMs).toISOString();

/**
 * The current time by the server's clock as an ISO string, refreshed every `intervalMs` (SLA
 * states move with the clock). Due times come from the server, so a console whose own clock is a
 * day off would otherwise show every ticket breached, or none.
 */
export const useNow = (intervalMs = 30_000): string => {
  const clockOffsetMs = useApp((state) => state.syncStatus.clockOffsetMs);
  const [localMs, setLocalMs] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setLocalMs(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return useMemo(() => serverNow(localMs, clockOffsetMs), [localMs, clockOffsetMs]);
};
