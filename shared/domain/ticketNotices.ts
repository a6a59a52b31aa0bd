import { z } from 'zod';
import type { PullResponse } from '../sync/protocol';
import { isFollower, resolutionsByOthers } from './following';
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
    }
  | {
      /** Someone else resolved a ticket I follow (I created or escalated it; see following.ts). */
      kind: 'followedResolved';
      ticketId: string;
      code: string;
      title: string;
      /** The user id of whoever resolved it. */
      resolvedBy: string;
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
   * assigned to me by someone else, tickets I follow just resolved by someone else, and SLA
   * targets of my open tickets that are near as of `now`.
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
  /** What the tracker knows (my open tickets, what was notified, what I follow), to keep across a restart. */
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
const followedSchema = z.object({ id: z.string().min(1).max(128), code: z.string().max(32), title: z.string().max(1000) });
// `followed` and `escalated` came later within version 1: a snapshot without them knows none.
const stateSchema = z.object({
  version: z.literal(1),
  mine: z.array(trackedSchema).max(100_000),
  followed: z.array(followedSchema).max(100_000).optional(),
  escalated: z.array(z.string().min(1).max(128)).max(100_000).optional(),
});

/** The tracker's state as plain JSON. */
export type NoticeTrackerState = z.infer<typeof stateSchema>;

export const DEFAULT_NEAR_BREACH_MS = 15 * 60_000;

/** Resolutions whose ticket record has not come yet are remembered up to this many (oldest dropped). */
const MAX_AWAITING_RESOLUTIONS = 1_000;

type Tracked = Pick<Ticket, 'code' | 'title' | 'firstResponseDueAt' | 'firstRespondedAt' | 'resolutionDueAt' | 'pendingSince'> & {
  /** The due time last notified per target: a target is notified again only when its due time moved. */
  notified: Partial<Record<SlaTargetName, string>>;
};

const isOpenAndMine = (ticket: Ticket, meId: string): boolean => ticket.assigneeId === meId && ticket.status !== 'resolved' && ticket.status !== 'closed';

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
  /** Tickets I follow and that are not closed, for a resolution whose ticket came in an earlier page. */
  const followed = new Map<string, { code: string; title: string }>();
  /** Tickets I escalated: with `createdBy`, who follows what (following.ts). */
  const escalated = new Set<string>();
  /** Resolutions by someone else whose ticket record has not arrived yet: ticket id to resolver. */
  const awaitingResolved = new Map<string, string>();

  const rememberFollowed = (ticketId: string, ticket: Ticket | null): void => {
    if (ticket !== null && ticket.status !== 'closed' && isFollower(meId, ticket, escalated.has(ticketId)))
      followed.set(ticketId, { code: ticket.code, title: ticket.title });
    else followed.delete(ticketId);
  };

  /** "A ticket you follow was resolved" for this page's resolutions and those waiting for their ticket. */
  const followedNotices = (page: PullResponse, pageTickets: ReadonlyMap<string, Ticket | null>): Notice[] => {
    const notices: Notice[] = [];
    const decide = (ticketId: string, resolvedBy: string): void => {
      const ticket = pageTickets.get(ticketId);
      if (ticket === null) return;
      const known = ticket === undefined ? followed.get(ticketId) : isFollower(meId, ticket, escalated.has(ticketId)) ? ticket : undefined;
      if (known !== undefined) notices.push({ kind: 'followedResolved', ticketId, code: known.code, title: known.title, resolvedBy });
    };
    for (const [ticketId, resolvedBy] of [...awaitingResolved]) {
      if (!pageTickets.has(ticketId)) continue;
      awaitingResolved.delete(ticketId);
      decide(ticketId, resolvedBy);
    }
    for (const { ticketId, actorId } of resolutionsByOthers(page.changes, meId)) {
      if (pageTickets.has(ticketId) || followed.has(ticketId)) {
        decide(ticketId, actorId);
        continue;
      }
      awaitingResolved.set(ticketId, actorId);
      const oldest = awaitingResolved.keys().next();
      if (awaitingResolved.size > MAX_AWAITING_RESOLUTIONS && oldest.done !== true) awaitingResolved.delete(oldest.value);
    }
    return notices;
  };

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
    const pageTickets = new Map<string, Ticket | null>();
    const assignedToMe: string[] = [];
    for (const change of page.changes) {
      if (change.entity === 'ticket') {
        seenTickets.add(change.id);
        pageTickets.set(change.id, change.op === 'put' ? change.data : null);
        if (change.op === 'put' && isOpenAndMine(change.data, meId)) remember(change.data);
        else mine.delete(change.id);
      } else if (change.entity === 'event' && change.op === 'put') {
        const event = change.data;
        // My own Take (or assigning to myself) is not news to me.
        if (event.type === 'assigned' && event.data.to === meId && event.actorId !== meId) assignedToMe.push(event.ticketId);
        if (event.type === 'escalated' && event.actorId === meId) escalated.add(event.ticketId);
      }
    }
    // After the loop: a ticket's record comes before the events of the change that wrote it.
    for (const [ticketId, ticket] of pageTickets) rememberFollowed(ticketId, ticket);
    if (info.fromScratch) {
      awaitingTicket.clear();
      awaitingResolved.clear();
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
    return [...notices, ...followedNotices(page, pageTickets), ...due(now)];
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
    followed: [...followed].map(([id, ticket]) => ({ id, ...ticket })),
    escalated: [...escalated],
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
    followed.clear();
    for (const { id, ...ticket } of parsed.data.followed ?? []) followed.set(id, ticket);
    escalated.clear();
    for (const id of parsed.data.escalated ?? []) escalated.add(id);
    return true;
  };

  return { onPage, due, seed, snapshot, restore };
};
