import { Dexie } from 'dexie';
import { creditedTechnician } from '../../shared/stats/ticketFacts';
import type { MejaDb } from '../db/database';
import type { QueueEntry } from './queueEntry';

export type Credited = { entry: QueueEntry; credited: string | null };

/**
 * Who is credited with each resolved entry's resolution, as the statistics credit it: the
 * assignee at the last resolution, replayed from the ticket's timeline (creditedTechnician).
 * The queue's entries hold no timeline, so the queue reads the timelines of the entries a
 * resolver filter needs and keeps the answers here. An answer holds for the entry object it was
 * read for (an entry is rebuilt whenever its ticket changes) until events of its ticket are written.
 */
export type CreditedBook = {
  /** Null for an open entry or nobody credited; undefined while not known. */
  creditedOf(entry: QueueEntry): string | null | undefined;
  /** Of these entries, the resolved ones whose answer is not known. */
  unknown(entries: Iterable<QueueEntry>): QueueEntry[];
  /** A mark to hand to `record`, taken before the timelines are read; every mark must be recorded once. */
  mark(): number;
  /** Keeps answers read since `mark`, except for tickets whose timeline was written meanwhile (none after a failed read). */
  record(answers: readonly Credited[], mark: number): void;
  /** Timelines of these tickets were written: their answers are stale. */
  forget(ticketIds: Iterable<string>): void;
  clear(): void;
};

const isDone = (entry: QueueEntry): boolean => entry.status === 'resolved' || entry.status === 'closed';

export const createCreditedBook = (): CreditedBook => {
  const known = new Map<string, Credited>();
  // Marks move on at every forget: an answer read before a ticket's timeline was written is dropped.
  // Only needed while a read is under way: a first sync forgets every ticket, and none is kept then.
  const forgottenAt = new Map<string, number>();
  let reading = 0;
  let clearedAt = 0;
  let clock = 0;
  const creditedOf = (entry: QueueEntry): string | null | undefined => {
    if (!isDone(entry)) return null;
    const answer = known.get(entry.id);
    return answer !== undefined && answer.entry === entry ? answer.credited : undefined;
  };
  return {
    creditedOf,
    unknown: (entries) => [...entries].filter((entry) => creditedOf(entry) === undefined),
    mark: () => {
      reading += 1;
      return clock;
    },
    record: (answers, mark) => {
      reading = Math.max(0, reading - 1);
      if (mark >= clearedAt) for (const answer of answers) if ((forgottenAt.get(answer.entry.id) ?? 0) <= mark) known.set(answer.entry.id, answer);
      if (reading === 0) forgottenAt.clear();
    },
    forget: (ticketIds) => {
      clock += 1;
      for (const id of ticketIds) {
        known.delete(id);
        if (reading > 0) forgottenAt.set(id, clock);
      }
    },
    clear: () => {
      clock += 1;
      clearedAt = clock;
      known.clear();
      forgottenAt.clear();
    },
  };
};

/** Reads the timelines of these entries from the cache (one read transaction) and works out who each credits. */
export const readCredited = async (db: MejaDb, entries: readonly QueueEntry[]): Promise<Credited[]> =>
  db.transaction('r', db.events, () =>
    Promise.all(
      entries.map(async (entry): Promise<Credited> => {
        const events = await db.events.where('[ticketId+at]').between([entry.id, Dexie.minKey], [entry.id, Dexie.maxKey]).toArray();
        const resolvedAt = entry.resolvedMs === null ? null : new Date(entry.resolvedMs).toISOString();
        return { entry, credited: creditedTechnician({ status: entry.status, resolvedAt, assigneeId: entry.assigneeId }, events) };
      }),
    ),
  );
