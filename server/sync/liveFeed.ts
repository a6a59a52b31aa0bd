import type { FastifyBaseLogger } from 'fastify';
import type { Note, RemoteSession, TicketEvent } from '../../shared/domain/records';
import type { Ticket } from '../../shared/domain/ticket';
import { involvementOf } from '../../shared/sync/involvement';
import { PROTOCOL_VERSION, type FeedMark } from '../../shared/sync/protocol';
import { isInWorkingSet, windowStart, type WorkingSetParams } from '../../shared/sync/workingSet';
import type { DatabaseKind } from '../config';
import { changesJson, feedEnd, readMeta, readTicketRecords, type FeedChange, type Position } from '../db/changeFeed';
import type { Db } from '../db/connect';
import { encodeCursor } from './cursor';
import type { Notifier } from './notifier';
import type { FeedReader } from './pull';

/** More rows than this since the last batch (an import): consoles pull instead, in pages. */
export const MAX_BATCH_ROWS = 1000;

/**
 * A console's event stream that takes live batches. `scope`: a working-set console and the time of
 * the set it holds no more than (its `since`); null: it takes the whole feed.
 */
export type LiveListener = {
  userId: string;
  scope: { since: number } | null;
  /** Writes one server-sent event. */
  send(text: string): void;
};

export type LiveFeed = { subscribe(listener: LiveListener): () => void; close(): void };

type Where = { position: Position; epoch: string; purges: number };
type Timeline = { ticket: Ticket; events: TicketEvent[]; notes: Note[]; sessions: RemoteSession[] };

const POKE = 'event: poke\ndata: {}\n\n';

const markOf = (where: Where): FeedMark => ({ epoch: where.epoch, purges: where.purges, tx: where.position.tx, seq: where.position.seq });

/** The tickets' records as the feed holds them, grouped by ticket: what the working-set rule reads. */
const timelinesOf = (records: readonly FeedChange[]): Map<string, Timeline> => {
  const found = new Map<string, Timeline>();
  const children: FeedChange[] = [];
  for (const record of records) {
    if (record.json === null) continue;
    if (record.entity === 'ticket') found.set(record.id, { ticket: JSON.parse(record.json) as Ticket, events: [], notes: [], sessions: [] });
    else children.push(record);
  }
  for (const record of children) {
    if (record.json === null) continue;
    const data = JSON.parse(record.json) as { ticketId: string };
    const timeline = found.get(data.ticketId);
    if (timeline === undefined) continue;
    if (record.entity === 'event') timeline.events.push(data as TicketEvent);
    else if (record.entity === 'note') timeline.notes.push(data as Note);
    else if (record.entity === 'session') timeline.sessions.push(data as RemoteSession);
  }
  return found;
};

/**
 * Reads each committed batch of the change feed once per instance and sends every console that
 * asked for live batches the rows of it that its pull would bring, as one `changes` event; a poke
 * where it cannot (its start, a batch too large, another history or a purge, a failed read).
 *
 * A batch is every row after the previous batch's end up to the visible end of the feed (below
 * PostgreSQL's visibility boundary, as a pull reads), so batches follow each other without gap or
 * overlap. A working-set console gets the rows of no ticket and those of the tickets in its set now
 * or in the set at its `since` (widened as a pull widens it, `heldParams`): the rule of
 * shared/sync/workingSet.ts over the tickets' records as the feed holds them and the users'
 * openings, read once per batch for every console, never one query per console.
 */
export const createLiveFeed = (options: {
  db: Db;
  kind: DatabaseKind;
  feed: FeedReader;
  notifier: Notifier;
  log: FastifyBaseLogger;
  now: () => number;
  params: WorkingSetParams;
  heldParams: WorkingSetParams;
}): LiveFeed => {
  const { db, kind, feed, log } = options;
  const listeners = new Set<LiveListener>();
  let where: Where | null = null;
  let reading = false;
  let again = false;
  let closed = false;

  const pokeAll = () => {
    for (const listener of listeners) listener.send(POKE);
  };

  const establish = async (): Promise<void> => {
    const position = await feedEnd(db, kind);
    const meta = await readMeta(db);
    where = { position, epoch: meta.epoch, purges: meta.purges };
  };

  /** The openings that keep tickets in their users' sets at `at`: ticket → user → time. */
  const openingsOf = async (ticketIds: string[], userIds: string[]): Promise<Map<string, Map<string, number>>> => {
    const found = new Map<string, Map<string, number>>();
    if (ticketIds.length === 0 || userIds.length === 0) return found;
    const rows = await db
      .selectFrom('ticket_opens')
      .select(['user_id', 'ticket_id', 'opened_at'])
      .where('user_id', 'in', userIds)
      .where('ticket_id', 'in', ticketIds)
      .execute();
    for (const row of rows) {
      const users = found.get(row.ticket_id) ?? new Map<string, number>();
      users.set(row.user_id, Number(row.opened_at));
      found.set(row.ticket_id, users);
    }
    return found;
  };

  const send = async (from: Where, to: Where, changes: FeedChange[]): Promise<void> => {
    const now = options.now();
    const nowIso = new Date(now).toISOString();
    const scoped = [...listeners].filter((listener) => listener.scope !== null);
    const ticketIds = [...new Set(changes.flatMap((change) => (change.ticketId === null || change.ticketId === undefined ? [] : [change.ticketId])))];
    const needsRule = scoped.length > 0 && ticketIds.length > 0;
    const timelines = needsRule ? timelinesOf(await readTicketRecords(db, ticketIds)) : new Map<string, Timeline>();
    const openings = needsRule ? await openingsOf(ticketIds, [...new Set(scoped.map((listener) => listener.userId))]) : new Map<string, Map<string, number>>();
    // Serialized once: each row, the positions, the envelope's parts.
    const rows = changes.map((change) => changesJson([change]).slice(1, -1));
    const positions = changes.map((change) => `[${change.at?.tx ?? 0},${change.at?.seq ?? 0}]`);
    const head = { protocol: PROTOCOL_VERSION, hasMore: false, serverTime: nowIso, after: markOf(from), mark: markOf(to) };
    const event = (kept: readonly number[], fields: object): string => {
      const body = `{"changes":[${kept.map((i) => rows[i]).join(',')}],"positions":[${kept.map((i) => positions[i]).join(',')}],${JSON.stringify({ ...head, ...fields }).slice(1)}`;
      return `event: changes\ndata: ${body}\n\n`;
    };
    const all = changes.map((_, i) => i);
    const wholeFeed = event(all, { cursor: encodeCursor({ epoch: to.epoch, position: to.position, purges: to.purges }) });
    const scopedCursor = encodeCursor({ epoch: to.epoch, position: to.position, purges: to.purges, scopeAt: now, openingsUnknown: true });
    const inSet = (userId: string, ticketId: string, at: number, params: WorkingSetParams): boolean => {
      const timeline = timelines.get(ticketId);
      if (timeline === undefined) return false;
      const openedAt = openings.get(ticketId)?.get(userId);
      const opened = new Set(openedAt !== undefined && openedAt >= windowStart(at, params.openedDays) ? [ticketId] : []);
      const { ticket, events, notes, sessions } = timeline;
      return isInWorkingSet({ ticket, involvement: involvementOf(userId, ticket, events, notes, sessions), opened }, new Date(at).toISOString(), params);
    };
    // Consoles of one user with one `since` get the same event, made once.
    const made = new Map<string, string>();
    for (const listener of listeners) {
      if (listener.scope === null) {
        listener.send(wholeFeed);
        continue;
      }
      const { since } = listener.scope;
      const key = `${listener.userId} ${since}`;
      let text = made.get(key);
      if (text === undefined) {
        const verdicts = new Map<string, boolean>();
        const kept = all.filter((i) => {
          const ticketId = changes[i]?.ticketId ?? null;
          if (ticketId === null) return true;
          let verdict = verdicts.get(ticketId);
          if (verdict === undefined) {
            verdict = inSet(listener.userId, ticketId, now, options.params) || inSet(listener.userId, ticketId, since, options.heldParams);
            verdicts.set(ticketId, verdict);
          }
          return verdict;
        });
        text = event(kept, { cursor: scopedCursor, scopeAt: nowIso, snapshot: false, heldSince: new Date(since).toISOString() });
        made.set(key, text);
      }
      listener.send(text);
    }
  };

  const step = async (): Promise<void> => {
    if (where === null) {
      // Where the consoles stand is unknown: they pull, and the batches start from here.
      await establish();
      pokeAll();
      return;
    }
    const from = where;
    const page = await feed.read(from.position, MAX_BATCH_ROWS, { count: false });
    // Read after the rows: a purge or a new history since shows here, and the batch is not sent.
    const meta = await readMeta(db);
    if (page.hasMore || meta.epoch !== from.epoch || meta.purges !== from.purges) {
      await establish();
      pokeAll();
      return;
    }
    if (page.changes.length === 0) return;
    const to: Where = { position: page.last, epoch: meta.epoch, purges: meta.purges };
    where = to;
    if (listeners.size > 0) await send(from, to, page.changes);
  };

  const run = async (first?: () => Promise<void>): Promise<void> => {
    reading = true;
    do {
      again = false;
      try {
        await (first ?? step)();
      } catch (error) {
        if (closed) break;
        log.warn({ err: error }, 'could not read a live batch of the feed; the event streams are poked instead');
        where = null;
        pokeAll();
      }
      first = undefined;
    } while (again && !closed);
    reading = false;
  };

  const stopCommits = options.notifier.onCommit(() => {
    if (closed) return;
    // Nobody to send batches to: nothing is read, and the next stream starts from the feed's end then.
    if (listeners.size === 0) {
      if (!reading) where = null;
      return;
    }
    if (reading) {
      again = true;
      return;
    }
    void run();
  });

  return {
    subscribe: (listener) => {
      listeners.add(listener);
      // The first stream: batches start from the feed's end now. The console pulls as its stream
      // connects, so it needs no poke; one that commits meanwhile ends up behind a batch and pulls.
      if (where === null && !reading && !closed) void run(establish);
      return () => listeners.delete(listener);
    },
    close: () => {
      closed = true;
      stopCommits();
      listeners.clear();
    },
  };
};
