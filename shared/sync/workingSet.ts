import { isOpenStatus } from '../domain/links';
import type { Ticket } from '../domain/ticket';
import { lastInvolvedAt, type Involvement } from './involvement';

/**
 * The working set: the tickets a console holds for its signed-in user. The server computes it
 * from its database (server/sync/workingSet.ts) and a console from its cache, both with these
 * definitions (docs/ARCHITECTURE.md, "The working set"). A ticket is in when any of these holds:
 *
 * - `live`: its status is new, open or pending (every tier), whatever its age. A reopened ticket is
 *   live again, so it is back in.
 * - `recent`: it is resolved or closed, and it ended within the last `recentDays` days. It ended at
 *   `closedAt` if set (a ticket resolved, then closed, counts from its closing), else `resolvedAt`,
 *   else `updatedAt` (imported records may lack both stamps): `endedAt`.
 * - `mine`: the user was involved with it within the last `mineDays` days (`Involvement`: created,
 *   was assigned, escalated, wrote a note, or saved a remote session on it).
 * - `opened`: the user opened it on demand and it is kept in their opened list (`keptOpened`).
 *
 * "Within the last N days" is inclusive at the far end: a time exactly N × 24 hours before `now`
 * is in, a millisecond earlier is out. Days are 24-hour spans, with no calendar or time zone. A
 * time after `now` (another clock slightly ahead) is within. So with its records unchanged, a
 * ticket never comes back once a later `now` has left it out; only a change (a reopen, a note of
 * the user's, an opening) brings it back.
 */
export type WorkingSetParams = {
  /** Resolved or closed tickets stay this many days after they ended (MEJA_SYNC_RECENT_DAYS). */
  recentDays: number;
  /** Tickets the user was involved with stay this many days after the last involvement (MEJA_SYNC_MINE_DAYS). */
  mineDays: number;
  /** Tickets opened on demand stay this many days after they were last opened. */
  openedDays: number;
  /** At most this many tickets opened on demand are kept, the most recently opened. */
  openedMax: number;
};

export const DEFAULT_WORKING_SET_PARAMS = { recentDays: 30, mineDays: 365, openedDays: 30, openedMax: 1000 } as const satisfies WorkingSetParams;

export type WorkingSetReason = 'live' | 'recent' | 'mine' | 'opened';

export const DAY_MS = 86_400_000;

/** The earliest time that is still "within the last `days` days" of `now` (epoch ms, inclusive). */
export const windowStart = (now: string | number, days: number): number => (typeof now === 'number' ? now : Date.parse(now)) - days * DAY_MS;

/** When a resolved or closed ticket ended, for `recent`: its closing, else its resolution, else its last change. */
export const endedAt = (ticket: Pick<Ticket, 'closedAt' | 'resolvedAt' | 'updatedAt'>): string => ticket.closedAt ?? ticket.resolvedAt ?? ticket.updatedAt;

const isWithin = (time: string, start: number): boolean => Date.parse(time) >= start;

export type WorkingSetInput = {
  ticket: Pick<Ticket, 'id' | 'status' | 'closedAt' | 'resolvedAt' | 'updatedAt'>;
  /** The user's involvement with this ticket (`involvementOf`). */
  involvement: Involvement;
  /** Ids of the tickets the user's opened list keeps (`openedIdsOf`). */
  opened: ReadonlySet<string>;
};

/** Why the ticket is in the user's working set at `now` (the first reason that holds, in the order above), or null when it is not. */
export const workingSetReason = ({ ticket, involvement, opened }: WorkingSetInput, now: string, params: WorkingSetParams): WorkingSetReason | null => {
  if (isOpenStatus(ticket.status)) return 'live';
  if (isWithin(endedAt(ticket), windowStart(now, params.recentDays))) return 'recent';
  const involved = lastInvolvedAt(involvement);
  if (involved !== null && isWithin(involved, windowStart(now, params.mineDays))) return 'mine';
  if (opened.has(ticket.id)) return 'opened';
  return null;
};

export const isInWorkingSet = (input: WorkingSetInput, now: string, params: WorkingSetParams): boolean => workingSetReason(input, now, params) !== null;
