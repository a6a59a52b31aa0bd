import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeTicket } from '../../tests/support/factories';
import type { Change, PullResponse } from '../sync/protocol';
import type { TicketEvent } from './records';
import type { Ticket } from './ticket';
import { createNoticeTracker, DEFAULT_NEAR_BREACH_MS, type Notice } from './ticketNotices';

const ME = 'user-me';
const BOSS = 'user-sue';
const MINUTE = 60_000;
const created = '2026-03-02T09:00:00.000Z';
// Normal priority: first response due 13:00, resolution due 09:00 next day.
const at = (iso: string): Date => new Date(iso);
const calm = at('2026-03-02T09:30:00.000Z');

const page = (changes: Change[]): PullResponse => ({ protocol: 1, changes, cursor: 'c', hasMore: false });
const put = (ticket: Ticket): Change => ({ entity: 'ticket', id: ticket.id, op: 'put', data: ticket });
const assignedEvent = (ticket: Ticket, to: string | null, actorId: string, id = `ev-${ticket.id}-${actorId}-${to}`): Change => {
  const event: TicketEvent = { id, ticketId: ticket.id, actorId, at: created, type: 'assigned', data: { from: null, to } };
  return { entity: 'event', id, op: 'put', data: event };
};
const assign = (ticket: Ticket, to: string, actorId: string): Change[] => [
  put({ ...ticket, assigneeId: to, status: 'open' }),
  assignedEvent(ticket, to, actorId),
];
const kinds = (notices: Array<{ kind: string; code: string }>): string[] => notices.map((n) => `${n.kind}:${n.code}`);

describe('ticket notices: assigned to me', () => {
  it('notifies when someone else assigns a ticket to me, with its code and title', () => {
    const tracker = createNoticeTracker({ meId: ME });
    const ticket = makeTicket({ createdAt: created });
    expect(tracker.onPage(page(assign(ticket, ME, BOSS)), { fromScratch: false }, calm)).toEqual([
      { kind: 'assigned', ticketId: ticket.id, code: ticket.code, title: ticket.title },
    ]);
  });

  it('does not notify my own Take, an assignment to someone else, or an unassignment', () => {
    const tracker = createNoticeTracker({ meId: ME });
    const mineByMe = makeTicket();
    const theirs = makeTicket();
    const dropped = makeTicket({ assigneeId: null });
    const changes = [...assign(mineByMe, ME, ME), ...assign(theirs, 'user-sam', BOSS), put(dropped), assignedEvent(dropped, null, BOSS)];
    expect(tracker.onPage(page(changes), { fromScratch: false }, calm)).toEqual([]);
  });

  it('says nothing during a from-scratch sync, but knows the tickets afterwards', () => {
    const tracker = createNoticeTracker({ meId: ME });
    const ticket = makeTicket();
    expect(tracker.onPage(page(assign(ticket, ME, BOSS)), { fromScratch: true }, calm)).toEqual([]);
    // Later, its resolution comes near: the seeded ticket is notified.
    const notices = tracker.due(new Date(Date.parse(ticket.resolutionDueAt) - 10 * MINUTE));
    expect(kinds(notices)).toEqual([`slaNearBreach:${ticket.code}`]);
  });

  it('waits for the ticket when the event comes in an earlier page', () => {
    const tracker = createNoticeTracker({ meId: ME });
    const ticket = makeTicket();
    expect(tracker.onPage(page([assignedEvent(ticket, ME, BOSS)]), { fromScratch: false }, calm)).toEqual([]);
    const notices = tracker.onPage(page([put({ ...ticket, assigneeId: ME, status: 'open' })]), { fromScratch: false }, calm);
    expect(kinds(notices)).toEqual([`assigned:${ticket.code}`]);
  });

  it('notifies when the ticket came in an earlier page than the event', () => {
    const tracker = createNoticeTracker({ meId: ME });
    const ticket = makeTicket();
    tracker.onPage(page([put({ ...ticket, assigneeId: ME, status: 'open' })]), { fromScratch: false }, calm);
    expect(kinds(tracker.onPage(page([assignedEvent(ticket, ME, BOSS)]), { fromScratch: false }, calm))).toEqual([`assigned:${ticket.code}`]);
  });

  it('does not notify a ticket that was closed or given away again in the same page', () => {
    const tracker = createNoticeTracker({ meId: ME });
    const ticket = makeTicket();
    const closedAgain = [assignedEvent(ticket, ME, BOSS), put({ ...ticket, assigneeId: ME, status: 'closed' })];
    expect(tracker.onPage(page(closedAgain), { fromScratch: false }, calm)).toEqual([]);
  });

  it('never notifies my own actions nor anything from scratch (property)', () => {
    const ticketArb = fc.record({
      assigneeId: fc.constantFrom(ME, BOSS, null),
      status: fc.constantFrom('new' as const, 'open' as const, 'pending' as const, 'resolved' as const),
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(ticketArb, fc.constantFrom(ME, BOSS)), { maxLength: 8 }), fc.boolean(), (rows, fromScratch) => {
        const tracker = createNoticeTracker({ meId: ME });
        const changes = rows.flatMap(([fields, actor]) => {
          const ticket = makeTicket({ ...fields, createdAt: created });
          return [put(ticket), assignedEvent(ticket, ticket.assigneeId, fromScratch ? actor : ME)];
        });
        const assigned = tracker.onPage(page(changes), { fromScratch }, calm).filter((n) => n.kind === 'assigned');
        expect(assigned).toEqual([]);
      }),
    );
  });
});

describe('ticket notices: SLA about to breach', () => {
  const mineOpen = (overrides: Partial<Ticket> = {}): Ticket =>
    makeTicket({ createdAt: created, assigneeId: ME, status: 'open', firstRespondedAt: '2026-03-02T09:05:00.000Z', ...overrides });
  const seed = (...tickets: Ticket[]) => {
    const tracker = createNoticeTracker({ meId: ME });
    tracker.onPage(page(tickets.map(put)), { fromScratch: true }, calm);
    return tracker;
  };
  const before = (iso: string, ms: number): Date => new Date(Date.parse(iso) - ms);

  it('notifies the resolution target when it is at most 15 minutes away and not yet passed', () => {
    const ticket = mineOpen();
    const tracker = seed(ticket);
    expect(DEFAULT_NEAR_BREACH_MS).toBe(15 * MINUTE);
    expect(tracker.due(before(ticket.resolutionDueAt, 15 * MINUTE + 1))).toEqual([]);
    expect(tracker.due(before(ticket.resolutionDueAt, 15 * MINUTE))).toEqual([
      { kind: 'slaNearBreach', ticketId: ticket.id, code: ticket.code, title: ticket.title, target: 'resolution', dueAt: ticket.resolutionDueAt },
    ]);
  });

  it('does not notify a target that is already breached', () => {
    const ticket = mineOpen();
    const tracker = seed(ticket);
    expect(tracker.due(new Date(Date.parse(ticket.resolutionDueAt) + 1))).toEqual([]);
  });

  it('notifies a target at its exact due time (breached only after it)', () => {
    const ticket = mineOpen();
    expect(kinds(seed(ticket).due(at(ticket.resolutionDueAt)))).toEqual([`slaNearBreach:${ticket.code}`]);
  });

  it('notifies each target once, and again only when its due time moves', () => {
    const ticket = mineOpen();
    const tracker = seed(ticket);
    const near = before(ticket.resolutionDueAt, 10 * MINUTE);
    expect(tracker.due(near)).toHaveLength(1);
    expect(tracker.due(near)).toEqual([]);
    expect(tracker.onPage(page([put({ ...ticket, title: 'Renamed' })]), { fromScratch: false }, near)).toEqual([]);
    const movedDue = new Date(Date.parse(ticket.resolutionDueAt) + 5 * MINUTE).toISOString();
    const moved = tracker.onPage(page([put({ ...ticket, resolutionDueAt: movedDue })]), { fromScratch: false }, near);
    expect(moved).toEqual([{ kind: 'slaNearBreach', ticketId: ticket.id, code: ticket.code, title: ticket.title, target: 'resolution', dueAt: movedDue }]);
  });

  it('notifies the first response while nobody responded, separately from the resolution', () => {
    const ticket = mineOpen({ firstRespondedAt: null });
    const tracker = seed(ticket);
    const notices = tracker.due(before(ticket.firstResponseDueAt, 5 * MINUTE));
    expect(notices).toEqual([expect.objectContaining({ target: 'firstResponse', dueAt: ticket.firstResponseDueAt })]);
  });

  it('ignores pending (paused) tickets, tickets of others and tickets no longer open', () => {
    const paused = mineOpen({ status: 'pending', pendingSince: '2026-03-02T10:00:00.000Z' });
    const others = mineOpen({ assigneeId: 'user-sam' });
    const resolved = mineOpen({ status: 'resolved', resolvedAt: '2026-03-02T10:00:00.000Z' });
    const tracker = seed(paused, others, resolved);
    expect(tracker.due(before(paused.resolutionDueAt, MINUTE))).toEqual([]);
  });

  it('forgets a ticket once it is resolved', () => {
    const ticket = mineOpen();
    const tracker = seed(ticket);
    tracker.onPage(page([put({ ...ticket, status: 'resolved' })]), { fromScratch: false }, calm);
    expect(tracker.due(before(ticket.resolutionDueAt, MINUTE))).toEqual([]);
  });

  it('can be seeded from the local cache: no notice then, SLA notices later, others dropped', () => {
    const kept = mineOpen();
    const dropped = mineOpen();
    const tracker = seed(dropped);
    const notMine = mineOpen({ assigneeId: 'user-sam' });
    tracker.seed([kept, notMine]);
    const near = before(kept.resolutionDueAt, 5 * MINUTE);
    expect(kinds(tracker.due(near))).toEqual([`slaNearBreach:${kept.code}`]);
    tracker.seed([kept]);
    expect(tracker.due(near)).toEqual([]);
  });

  it('honours a custom window', () => {
    const ticket = mineOpen();
    const tracker = createNoticeTracker({ meId: ME, nearBreachMs: 60 * MINUTE });
    tracker.onPage(page([put(ticket)]), { fromScratch: true }, calm);
    expect(tracker.due(before(ticket.resolutionDueAt, 45 * MINUTE))).toHaveLength(1);
  });

  it('knows exactly the tickets whose latest state is mine and open (property)', () => {
    const ids = ['t-1', 't-2', 't-3', 't-4'];
    const change = fc.record({
      id: fc.constantFrom(...ids),
      assigneeId: fc.constantFrom(ME, BOSS, null),
      status: fc.constantFrom('new' as const, 'open' as const, 'resolved' as const, 'closed' as const),
      deleted: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(fc.array(change, { maxLength: 6 }), { maxLength: 5 }), fc.boolean(), (pages, fromScratch) => {
        const tracker = createNoticeTracker({ meId: ME });
        const latest = new Map<string, boolean>();
        for (const rows of pages) {
          const changes = rows.map(({ id, assigneeId, status, deleted }): Change => {
            latest.set(id, !deleted && assigneeId === ME && status !== 'resolved' && status !== 'closed');
            return deleted ? { entity: 'ticket', id, op: 'delete', data: null } : put(mineOpen({ id, code: id, assigneeId, status }));
          });
          tracker.onPage(page(changes), { fromScratch }, calm);
        }
        const near = before(mineOpen().resolutionDueAt, MINUTE);
        const notified = tracker.due(near).map((notice) => notice.ticketId);
        expect(notified.sort()).toEqual(ids.filter((id) => latest.get(id) === true));
      }),
    );
  });

  it('never notifies a target twice for one due time, whatever the clock ticks (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -30, max: 120 }), { maxLength: 20 }), (minutesBefore) => {
        const ticket = mineOpen({ firstRespondedAt: null });
        const tracker = seed(ticket);
        const all = minutesBefore.flatMap((m) => tracker.due(before(ticket.resolutionDueAt, m * MINUTE)));
        const keys = all.map((n) => (n.kind === 'slaNearBreach' ? `${n.target}@${n.dueAt}` : n.kind));
        expect(new Set(keys).size).toBe(keys.length);
        const expected = minutesBefore.some((m) => m >= 0 && m <= 15) ? 1 : 0;
        expect(all.filter((n) => n.kind === 'slaNearBreach' && n.target === 'resolution')).toHaveLength(expected);
      }),
    );
  });
});

describe('ticket notices: kept across a restart', () => {
  const mineOpen = (overrides: Partial<Ticket> = {}): Ticket =>
    makeTicket({ createdAt: created, assigneeId: ME, status: 'open', firstRespondedAt: '2026-03-02T09:05:00.000Z', ...overrides });
  const near = (ticket: Ticket): Date => new Date(Date.parse(ticket.resolutionDueAt) - 5 * MINUTE);

  it('a restored tracker notifies the SLA of a ticket that did not change since, and not twice what was notified', () => {
    const notifiedBefore = mineOpen();
    // Due two hours later than the other, so only the other is near before the restart.
    const quiet = mineOpen({ resolutionDueAt: new Date(Date.parse(notifiedBefore.resolutionDueAt) + 120 * MINUTE).toISOString() });
    const before = createNoticeTracker({ meId: ME });
    before.onPage(page([put(quiet), put(notifiedBefore)]), { fromScratch: true }, calm);
    expect(kinds(before.due(near(notifiedBefore)))).toEqual([`slaNearBreach:${notifiedBefore.code}`]);

    // The snapshot goes through JSON, as it does through the file.
    const saved: unknown = JSON.parse(JSON.stringify(before.snapshot()));
    const after = createNoticeTracker({ meId: ME });
    expect(after.restore(saved)).toBe(true);
    // An incremental sync after the restart brings nothing about either ticket.
    expect(after.onPage(page([]), { fromScratch: false }, calm)).toEqual([]);
    // Already notified before the restart: not again.
    expect(after.due(near(notifiedBefore))).toEqual([]);
    expect(kinds(after.due(near(quiet)))).toEqual([`slaNearBreach:${quiet.code}`]);
  });

  it('refuses what is not a snapshot and keeps what it knew', () => {
    const ticket = mineOpen();
    const tracker = createNoticeTracker({ meId: ME });
    tracker.onPage(page([put(ticket)]), { fromScratch: true }, calm);
    for (const junk of [null, 'x', { version: 2, mine: [] }, { version: 1, mine: [{ id: 't' }] }, { version: 1 }]) {
      expect(tracker.restore(junk)).toBe(false);
    }
    expect(kinds(tracker.due(near(ticket)))).toEqual([`slaNearBreach:${ticket.code}`]);
  });
});

describe('ticket notices: a ticket I follow was resolved', () => {
  const SAM = 'user-sam';
  const resolvedEvent = (ticket: Ticket, actorId: string, id = `ev-resolve-${ticket.id}-${actorId}`): Change => {
    const event: TicketEvent = {
      id,
      ticketId: ticket.id,
      actorId,
      at: created,
      type: 'status_changed',
      data: { from: 'open', to: 'resolved', resolution: 'Fixed', isReopen: false },
    };
    return { entity: 'event', id, op: 'put', data: event };
  };
  const escalatedEvent = (ticket: Ticket, actorId: string): Change => {
    const id = `ev-escalate-${ticket.id}-${actorId}`;
    const event: TicketEvent = {
      id,
      ticketId: ticket.id,
      actorId,
      at: created,
      type: 'escalated',
      data: { fromTier: 1, toTier: 2, reason: 'Needs admin rights' },
    };
    return { entity: 'event', id, op: 'put', data: event };
  };
  const resolve = (ticket: Ticket, by: string): Change[] => [put({ ...ticket, status: 'resolved', assigneeId: by }), resolvedEvent(ticket, by)];
  const followedKinds = (notices: Notice[]) => notices.filter((n) => n.kind === 'followedResolved');

  it('notifies when someone else resolves a ticket I created, with who resolved it', () => {
    const tracker = createNoticeTracker({ meId: ME });
    const ticket = makeTicket({ createdBy: ME, status: 'open', assigneeId: SAM, tier: 2 });
    tracker.onPage(page([put(ticket)]), { fromScratch: true }, calm);
    expect(followedKinds(tracker.onPage(page(resolve(ticket, SAM)), { fromScratch: false }, calm))).toEqual([
      { kind: 'followedResolved', ticketId: ticket.id, code: ticket.code, title: ticket.title, resolvedBy: SAM },
    ]);
  });

  it('notifies for a ticket I escalated that someone else created', () => {
    const tracker = createNoticeTracker({ meId: ME });
    const ticket = makeTicket({ createdBy: BOSS, status: 'open', tier: 2 });
    tracker.onPage(page([put(ticket), escalatedEvent(ticket, ME)]), { fromScratch: false }, calm);
    expect(kinds(followedKinds(tracker.onPage(page(resolve(ticket, SAM)), { fromScratch: false }, calm)))).toEqual([`followedResolved:${ticket.code}`]);
  });

  it('says nothing of my own resolutions, of tickets I do not follow, or during a from-scratch sync', () => {
    const tracker = createNoticeTracker({ meId: ME });
    const mineCreated = makeTicket({ createdBy: ME, status: 'open' });
    const othersOnly = makeTicket({ createdBy: BOSS, status: 'open' });
    const escalatedByOther = makeTicket({ createdBy: BOSS, status: 'open' });
    expect(
      followedKinds(
        tracker.onPage(
          page([...resolve(mineCreated, ME), ...resolve(othersOnly, SAM), escalatedEvent(escalatedByOther, SAM), ...resolve(escalatedByOther, SAM)]),
          { fromScratch: false },
          calm,
        ),
      ),
    ).toEqual([]);
    const fresh = createNoticeTracker({ meId: ME });
    expect(fresh.onPage(page(resolve(makeTicket({ createdBy: ME }), SAM)), { fromScratch: true }, calm)).toEqual([]);
  });

  it('finds the ticket in an earlier page, or waits for it in a later one', () => {
    const tracker = createNoticeTracker({ meId: ME });
    const earlier = makeTicket({ createdBy: ME, status: 'open' });
    tracker.onPage(page([put({ ...earlier, status: 'resolved' })]), { fromScratch: false }, calm);
    expect(kinds(followedKinds(tracker.onPage(page([resolvedEvent(earlier, SAM)]), { fromScratch: false }, calm)))).toEqual([
      `followedResolved:${earlier.code}`,
    ]);

    const later = makeTicket({ createdBy: ME, status: 'open' });
    expect(followedKinds(tracker.onPage(page([resolvedEvent(later, SAM)]), { fromScratch: false }, calm))).toEqual([]);
    expect(kinds(followedKinds(tracker.onPage(page([put({ ...later, status: 'resolved' })]), { fromScratch: false }, calm)))).toEqual([
      `followedResolved:${later.code}`,
    ]);
    // Once told, the same ticket's later pages say nothing more.
    expect(followedKinds(tracker.onPage(page([put({ ...later, status: 'resolved', title: 'Renamed' })]), { fromScratch: false }, calm))).toEqual([]);
  });

  it('notifies once per resolution event, even when a page brings it twice', () => {
    const tracker = createNoticeTracker({ meId: ME });
    const ticket = makeTicket({ createdBy: ME, status: 'open' });
    const twice = [...resolve(ticket, SAM), resolvedEvent(ticket, SAM)];
    expect(followedKinds(tracker.onPage(page(twice), { fromScratch: false }, calm))).toHaveLength(1);
  });

  it('keeps what I follow across a restart', () => {
    const before = createNoticeTracker({ meId: ME });
    const ticket = makeTicket({ createdBy: BOSS, status: 'open', tier: 2 });
    before.onPage(page([put(ticket), escalatedEvent(ticket, ME)]), { fromScratch: true }, calm);
    const after = createNoticeTracker({ meId: ME });
    expect(after.restore(JSON.parse(JSON.stringify(before.snapshot())))).toBe(true);
    // The resolution's record came before the restart's first page: the restored state knows it.
    expect(kinds(followedKinds(after.onPage(page([resolvedEvent(ticket, SAM)]), { fromScratch: false }, calm)))).toEqual([`followedResolved:${ticket.code}`]);
    const escalatedOnly = createNoticeTracker({ meId: ME });
    escalatedOnly.restore(JSON.parse(JSON.stringify(before.snapshot())));
    expect(kinds(followedKinds(escalatedOnly.onPage(page(resolve(ticket, SAM)), { fromScratch: false }, calm)))).toEqual([`followedResolved:${ticket.code}`]);
  });

  it('restores a snapshot written before following existed', () => {
    const tracker = createNoticeTracker({ meId: ME });
    expect(tracker.restore({ version: 1, mine: [] })).toBe(true);
    expect(tracker.snapshot()).toEqual({ version: 1, mine: [], followed: [], escalated: [] });
  });
});
