import { windowStart, type WorkingSetParams } from './workingSet';

/** A ticket the user opened on demand (one outside their working set, fetched to read it), and when. */
export type OpenedTicket = { ticketId: string; openedAt: string };

/**
 * The opened list as the working set keeps it at `now`: one entry per ticket (its latest
 * opening), only openings within the last `openedDays` days (inclusive, as `windowStart`), and at
 * most `openedMax` of them, the least recently opened dropped first. Newest first; equal times in
 * ticket id order, so every side drops the same one. Trimming never brings back an entry: what
 * falls past `openedMax` is older than everything kept, and later `now`s only drop more.
 */
export const keptOpened = (list: readonly OpenedTicket[], now: string, params: Pick<WorkingSetParams, 'openedDays' | 'openedMax'>): OpenedTicket[] => {
  const start = windowStart(now, params.openedDays);
  const latest = new Map<string, OpenedTicket>();
  for (const entry of list) {
    const time = Date.parse(entry.openedAt);
    if (!(time >= start)) continue;
    const seen = latest.get(entry.ticketId);
    if (seen === undefined || time > Date.parse(seen.openedAt)) latest.set(entry.ticketId, entry);
  }
  return [...latest.values()]
    .sort((a, b) => Date.parse(b.openedAt) - Date.parse(a.openedAt) || (a.ticketId < b.ticketId ? -1 : a.ticketId > b.ticketId ? 1 : 0))
    .slice(0, params.openedMax);
};

/** The ids `keptOpened` keeps, for `workingSetReason`. */
export const openedIdsOf = (list: readonly OpenedTicket[], now: string, params: Pick<WorkingSetParams, 'openedDays' | 'openedMax'>): Set<string> =>
  new Set(keptOpened(list, now, params).map((entry) => entry.ticketId));
