import { z } from 'zod';
import type { PullResponse } from '../sync/protocol';
import type { Ticket } from './ticket';

/** What the desktop app tells the technician about through an OS notification. */
export type Notice =
  | { kind: 'assigned'; ticketId: string; code: string; title: string }
  | {
      kind: 'slaNearBreach';
      ticketId: string;
      code: string;
      title: string;
      /** Which clock is about to run out. */
      target: SlaTargetName;
      /** The due time that was near when the notice was made (ISO 8601). */
      dueAt: string;
    };

export type SlaTargetName = 'firstResponse' | 'resolution';

export type NoticeTrackerOptions = {
  meId: string;
  /** How close to its due time a target must be before it is notified; 15 minutes unless given. */
  nearBreachMs?: number;
};

export type NoticeTracker = {
  /**
   * Reads one applied pull page (in feed order) and returns what to notify now: tickets just
   * assigned to me by someone else, and SLA targets of my open tickets that are near as of `now`.
   * A from-scratch sync only seeds what the tracker knows and returns nothing.
   */
  onPage(page: PullResponse, info: { fromScratch: boolean }, now: Date): Notice[];
  /** SLA targets of my open tickets that came near since last asked (call it on a timer). */
  due(now: Date): Notice[];
  /**
   * Replaces what the tracker knows with these tickets (the ones that are mine and open are kept),
   * notifying nothing. An incremental sync after a restart only brings what changed, so without a
   * seed from the local cache an untouched ticket of mine would never get its SLA notice.
   */
  seed(tickets: readonly Ticket[]): void;
  /** What the tracker knows (my open tickets and what was notified), to keep across a restart. */
  snapshot(): NoticeTrackerState;
  /**
   * Takes back a snapshot, e.g. read from disk at start-up; a value that is not one (another
   * version, a damaged file) is refused and changes nothing.
   */
  restore(state: unknown): boolean;
};

const iso = z.string().max(64);
const isoOrNull = iso.nullable();
const trackedSchema = z.object({
  id: z.string().min(1).max(128),
  code: z.string().max(32),
  title: z.string().max(1000),
  firstResponseDueAt: iso,
  firstRespondedAt: isoOrNull,
  resolutionDueAt: iso,
  pendingSince: isoOrNull,
  notified: z.object({ firstResponse: z.string().max(64).optional(), resolution: z.string().max(64).optional() }),
});
const stateSchema = z.object({ version: z.literal(1), mine: z.array(trackedSchema).max(100_000) });

/** The tracker's state as plain JSON. */
export type NoticeTrackerState = z.infer<typeof stateSchema>;

export const DEFAULT_NEAR_BREACH_MS = 15 * 60_000;

type Tracked = Pick<Ticket, 'code' | 'title' | 'firstResponseDueAt' | 'firstRespondedAt' | 'resolutionDueAt' | 'pendingSince'> & {
  /** The due time last notified per target: a target is notified again only when its due time moved. */
  notified: Partial<Record<SlaTargetName, string>>;
};

const isOpenAndMine = (ticket: Ticket, meId: string): boolean =>
  ticket.assigneeId === meId && ticket.status !== 'resolved' && ticket.status !== 'closed';

/**
 * The due time a target counts against now, or null when its clock does not run:
 * the first response once someone responded, the resolution while the ticket is pending.
 */
const runningDue = (ticket: Tracked, target: SlaTargetName): string | null => {
  if (target === 'firstResponse') return ticket.firstRespondedAt === null ? ticket.firstResponseDueAt : null;
  return ticket.pendingSince === null ? ticket.resolutionDueAt : null;
};

const SLA_TARGETS: readonly SlaTargetName[] = ['firstResponse', 'resolution'];

/**
 * Decides the desktop notifications from the pull pages the sync engine applies.
 *
 * State is small on purpose: only my open tickets (plus tickets whose "assigned to me" event came
 * before the ticket itself, which a page boundary can do). A ticket that leaves (resolved, closed,
 * given to someone else) is forgotten, so if it comes back its SLA targets may be notified again.
 *
 * SLA rule: a target is near when its clock runs and `0 <= dueAt - now <= nearBreachMs`, i.e. not yet
 * breached (breached means now is past the due time, as in `slaState`) and at most `nearBreachMs`
 * away. Each ticket/target is notified once per due time.
 */
export const createNoticeTracker = (options: NoticeTrackerOptions): NoticeTracker => {
  const { meId } = options;
  const nearBreachMs = options.nearBreachMs ?? DEFAULT_NEAR_BREACH_MS;
  const mine = new Map<string, Tracked>();
  /** Tickets assigned to me by someone else whose ticket record has not arrived yet. */
  const awaitingTicket = new Set<string>();

  const remember = (ticket: Ticket): void => {
    const known = mine.get(ticket.id);
    mine.set(ticket.id, {
      code: ticket.code,
      title: ticket.title,
      firstResponseDueAt: ticket.firstResponseDueAt,
      firstRespondedAt: ticket.firstRespondedAt,
      resolutionDueAt: ticket.resolutionDueAt,
      pendingSince: ticket.pendingSince,
      notified: known?.notified ?? {},
    });
  };

  const due = (now: Date): Notice[] => {
    const notices: Notice[] = [];
    const nowMs = now.getTime();
    for (const [ticketId, ticket] of mine) {
      for (const target of SLA_TARGETS) {
        const dueAt = runningDue(ticket, target);
        if (dueAt === null || ticket.notified[target] === dueAt) continue;
        const left = Date.parse(dueAt) - nowMs;
        if (left < 0 || left > nearBreachMs) continue;
        ticket.notified[target] = dueAt;
        notices.push({ kind: 'slaNearBreach', ticketId, code: ticket.code, title: ticket.title, target, dueAt });
      }
    }
    return notices;
  };

  const onPage = (page: PullResponse, info: { fromScratch: boolean }, now: Date): Notice[] => {
    const seenTickets = new Set<string>();
    const assignedToMe: string[] = [];
    for (const change of page.changes) {
      if (change.entity === 'ticket') {
        seenTickets.add(change.id);
        if (change.op === 'put' && isOpenAndMine(change.data, meId)) remember(change.data);
        else mine.delete(change.id);
      } else if (change.entity === 'event' && change.op === 'put') {
        const event = change.data;
        // My own Take (or assigning to myself) is not news to me.
        if (event.type === 'assigned' && event.data.to === meId && event.actorId !== meId) assignedToMe.push(event.ticketId);
      }
    }
    if (info.fromScratch) {
      awaitingTicket.clear();
      // Seeding: targets already near are notified by the next `due` call, not as a burst of old news here.
      return [];
    }
    const candidates = new Set([...assignedToMe, ...[...awaitingTicket].filter((id) => seenTickets.has(id))]);
    const notices: Notice[] = [];
    for (const ticketId of candidates) {
      const ticket = mine.get(ticketId);
      if (ticket !== undefined) {
        awaitingTicket.delete(ticketId);
        notices.push({ kind: 'assigned', ticketId, code: ticket.code, title: ticket.title });
      } else if (seenTickets.has(ticketId)) {
        // The ticket came in this page and is no longer mine or no longer open: nothing to say.
        awaitingTicket.delete(ticketId);
      } else {
        awaitingTicket.add(ticketId);
      }
    }
    return [...notices, ...due(now)];
  };

  const seed = (tickets: readonly Ticket[]): void => {
    const keep = new Set<string>();
    for (const ticket of tickets) {
      if (!isOpenAndMine(ticket, meId)) continue;
      keep.add(ticket.id);
      remember(ticket);
    }
    for (const id of [...mine.keys()]) if (!keep.has(id)) mine.delete(id);
  };

  const snapshot = (): NoticeTrackerState => ({
    version: 1,
    mine: [...mine].map(([id, ticket]) => ({ id, ...ticket, notified: { ...ticket.notified } })),
  });

  const restore = (state: unknown): boolean => {
    const parsed = stateSchema.safeParse(state);
    if (!parsed.success) return false;
    mine.clear();
    for (const { id, notified, ...ticket } of parsed.data.mine) {
      // Built key by key: exactOptionalPropertyTypes keeps an absent target absent.
      const kept: Tracked['notified'] = {};
      if (notified.firstResponse !== undefined) kept.firstResponse = notified.firstResponse;
      if (notified.resolution !== undefined) kept.resolution = notified.resolution;
      mine.set(id, { ...ticket, notified: kept });
    }
    return true;
  };

  return { onPage, due, seed, snapshot, restore };
};
