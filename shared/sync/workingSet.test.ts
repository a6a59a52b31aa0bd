import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeTicket } from '../../tests/support/factories';
import type { Note, RemoteSession, TicketEvent } from '../domain/records';
import { STATUSES, type Status, type Ticket } from '../domain/ticket';
import { involvementOf, lastInvolvedAt, NO_INVOLVEMENT, type Involvement } from './involvement';
import { keptOpened, openedIdsOf, type OpenedTicket } from './openedTickets';
import { DAY_MS, DEFAULT_WORKING_SET_PARAMS, endedAt, isInWorkingSet, workingSetReason, type WorkingSetParams } from './workingSet';

const ME = 'user-tina';
const SAM = 'user-sam';
const NOW = '2026-12-07T12:00:00.000Z';
const NOW_MS = Date.parse(NOW);
const PARAMS = DEFAULT_WORKING_SET_PARAMS;
const NONE = new Set<string>();

const daysAgo = (days: number, ms = 0): string => new Date(NOW_MS - days * DAY_MS - ms).toISOString();
const ended = (status: 'resolved' | 'closed', overrides: Partial<Ticket> = {}): Ticket =>
  makeTicket({ id: 't-1', status, createdAt: daysAgo(900), updatedAt: daysAgo(800), resolvedAt: daysAgo(800), ...overrides });
const reasonOf = (ticket: Ticket, involvement: Involvement = NO_INVOLVEMENT, opened: ReadonlySet<string> = NONE, params: WorkingSetParams = PARAMS) =>
  workingSetReason({ ticket, involvement, opened }, NOW, params);

const event = (id: string, actorId: string, at: string, payload: Pick<TicketEvent, 'type' | 'data'>, ticketId = 't-1'): TicketEvent =>
  ({ id, ticketId, actorId, at, ...payload }) as TicketEvent;
const note = (id: string, authorId: string, createdAt: string, ticketId = 't-1'): Note => ({
  id,
  ticketId,
  authorId,
  body: 'Called back.',
  visibility: 'internal',
  createdAt,
});
const session = (id: string, technicianId: string, updatedAt: string, ticketId = 't-1'): RemoteSession => ({
  id,
  ticketId,
  technicianId,
  tool: 'rdp',
  target: 'PC-0042',
  consent: true,
  startedAt: daysAgo(900),
  endedAt: null,
  steps: [],
  outcome: null,
  updatedAt,
});

describe('the working set', () => {
  it('holds every live ticket, of any age, tier and owner', () => {
    for (const status of ['new', 'open', 'pending'] as const)
      for (const tier of [1, 2, 3] as const) expect(reasonOf(makeTicket({ status, tier, createdAt: daysAgo(2000), assigneeId: SAM }))).toBe('live');
  });

  it('holds resolved and closed tickets for recentDays after they ended, the far end included', () => {
    expect(reasonOf(ended('resolved', { resolvedAt: daysAgo(30) }))).toBe('recent');
    expect(reasonOf(ended('resolved', { resolvedAt: daysAgo(30, 1) }))).toBeNull();
    expect(reasonOf(ended('resolved', { resolvedAt: daysAgo(3) }), NO_INVOLVEMENT, NONE, { ...PARAMS, recentDays: 2 })).toBeNull();
    // A clock slightly ahead of this one: in.
    expect(reasonOf(ended('resolved', { resolvedAt: daysAgo(-1) }))).toBe('recent');
  });

  it('counts a ticket resolved, then closed, from its closing', () => {
    const closed = ended('closed', { resolvedAt: daysAgo(45), closedAt: daysAgo(10) });
    expect(endedAt(closed)).toBe(closed.closedAt);
    expect(reasonOf(closed)).toBe('recent');
    expect(reasonOf({ ...closed, closedAt: daysAgo(31) })).toBeNull();
  });

  it('falls back to the resolution, then the last change, for records without the stamp (imports)', () => {
    expect(reasonOf(ended('closed', { closedAt: null, resolvedAt: daysAgo(5) }))).toBe('recent');
    expect(reasonOf(ended('closed', { closedAt: null, resolvedAt: null, updatedAt: daysAgo(5) }))).toBe('recent');
    expect(reasonOf(ended('closed', { closedAt: null, resolvedAt: null, updatedAt: daysAgo(50) }))).toBeNull();
  });

  it('takes a reopened ticket back as live, whatever its old resolution', () => {
    // What ticket:transition leaves on a reopen: stamps cleared, status open.
    const reopened = ended('resolved', { resolvedAt: null, closedAt: null, status: 'open', reopenCount: 1 });
    expect(reasonOf(reopened)).toBe('live');
  });

  it('holds tickets the user was involved with for mineDays after the last involvement', () => {
    const old = ended('closed', { closedAt: daysAgo(400) });
    expect(reasonOf(old, { ...NO_INVOLVEMENT, noted: daysAgo(365) })).toBe('mine');
    expect(reasonOf(old, { ...NO_INVOLVEMENT, noted: daysAgo(365, 1) })).toBeNull();
    expect(reasonOf(old, { ...NO_INVOLVEMENT, created: daysAgo(500), session: daysAgo(20) })).toBe('mine');
    expect(reasonOf(old, { ...NO_INVOLVEMENT, assigned: daysAgo(100) }, NONE, { ...PARAMS, mineDays: 99 })).toBeNull();
  });

  it('holds what the kept opened list names', () => {
    const old = ended('closed', { closedAt: daysAgo(400) });
    expect(reasonOf(old, NO_INVOLVEMENT, new Set(['t-1']))).toBe('opened');
    expect(reasonOf(old, NO_INVOLVEMENT, new Set(['t-2']))).toBeNull();
  });
});

describe('involvement', () => {
  const ticket = makeTicket({ id: 't-1', createdBy: SAM, createdAt: daysAgo(50) });

  it('reads each kind from its own record, only the user’s, only this ticket’s, the newest', () => {
    const events = [
      event('e1', SAM, daysAgo(40), { type: 'assigned', data: { from: null, to: ME } }),
      event('e2', ME, daysAgo(30), { type: 'assigned', data: { from: ME, to: SAM } }),
      event('e3', ME, daysAgo(20), { type: 'escalated', data: { fromTier: 1, toTier: 2, reason: 'Needs admin' } }),
      event('e4', ME, daysAgo(25), { type: 'escalated', data: { fromTier: 2, toTier: 3, reason: 'Server side' } }),
      event('e5', SAM, daysAgo(1), { type: 'escalated', data: { fromTier: 1, toTier: 2, reason: 'Not mine' } }),
      event('e6', ME, daysAgo(2), { type: 'status_changed', data: { from: 'open', to: 'resolved', resolution: 'Fixed', isReopen: false } }),
      event('e7', SAM, daysAgo(3), { type: 'assigned', data: { from: null, to: ME } }, 't-other'),
    ];
    const notes = [note('n1', ME, daysAgo(15)), note('n2', ME, daysAgo(12)), note('n3', SAM, daysAgo(1)), note('n4', ME, daysAgo(1), 't-other')];
    const sessions = [session('s1', ME, daysAgo(9)), session('s2', SAM, daysAgo(1)), session('s3', ME, daysAgo(1), 't-other')];
    const involvement = involvementOf(ME, ticket, events, notes, sessions);
    expect(involvement).toEqual({ created: null, assigned: daysAgo(40), escalated: daysAgo(20), noted: daysAgo(12), session: daysAgo(9) });
    expect(lastInvolvedAt(involvement)).toBe(daysAgo(9));
    expect(involvementOf(SAM, ticket, events, notes, sessions)).toEqual({
      created: daysAgo(50),
      assigned: daysAgo(30),
      escalated: daysAgo(1),
      noted: daysAgo(1),
      session: daysAgo(1),
    });
    expect(lastInvolvedAt(NO_INVOLVEMENT)).toBeNull();
  });
});

describe('the opened list', () => {
  const opened = (ticketId: string, days: number): OpenedTicket => ({ ticketId, openedAt: daysAgo(days) });

  it('keeps one entry per ticket, its latest, within openedDays (inclusive), newest first', () => {
    const list = [opened('a', 3), opened('b', 30), opened('a', 1), opened('c', 30.5), opened('d', 0)];
    expect(keptOpened(list, NOW, PARAMS)).toEqual([opened('d', 0), opened('a', 1), opened('b', 30)]);
  });

  it('drops the least recently opened past openedMax, and ties by ticket id', () => {
    const list = [opened('x', 2), opened('b', 5), opened('a', 5), opened('y', 1)];
    expect([...openedIdsOf(list, NOW, { openedDays: 30, openedMax: 3 })]).toEqual(['y', 'x', 'a']);
  });
});

const MS_SPAN = 800 * DAY_MS;
const time = fc.integer({ min: -MS_SPAN, max: 10 * DAY_MS }).map((offset) => new Date(NOW_MS + offset).toISOString());
const maybeTime = fc.option(time, { nil: null });
const params = fc.record({
  recentDays: fc.integer({ min: 1, max: 400 }),
  mineDays: fc.integer({ min: 1, max: 800 }),
  openedDays: fc.integer({ min: 1, max: 60 }),
  openedMax: fc.integer({ min: 1, max: 5 }),
});
const involvement = fc.record({ created: maybeTime, assigned: maybeTime, escalated: maybeTime, noted: maybeTime, session: maybeTime });
const ids = fc.constantFrom('t-1', 't-2', 't-3', 't-4', 't-5', 't-6', 't-7');
const openedList = fc.array(fc.record({ ticketId: ids, openedAt: time }), { maxLength: 12 });
const ticketArb = fc
  .record({ status: fc.constantFrom<Status>(...STATUSES), closedAt: maybeTime, resolvedAt: maybeTime, updatedAt: time })
  .map((t) => makeTicket({ id: 't-1', ...t }));

describe('working set properties', () => {
  it('holds every live ticket, whatever else is true', () => {
    fc.assert(
      fc.property(ticketArb, involvement, openedList, params, time, (ticket, inv, list, p, now) => {
        const isLive = ticket.status === 'new' || ticket.status === 'open' || ticket.status === 'pending';
        const inSet = isInWorkingSet({ ticket, involvement: inv, opened: openedIdsOf(list, now, p) }, now, p);
        return !isLive || inSet;
      }),
    );
  });

  it('never takes back a ticket that aged out, as time moves on with nothing changed', () => {
    fc.assert(
      fc.property(ticketArb, involvement, openedList, params, time, fc.integer({ min: 0, max: 400 * DAY_MS }), (ticket, inv, list, p, now, later) => {
        const laterNow = new Date(Date.parse(now) + later).toISOString();
        const at = (when: string) => isInWorkingSet({ ticket, involvement: inv, opened: openedIdsOf(list, when, p) }, when, p);
        return at(now) || !at(laterNow);
      }),
    );
  });

  it('keeps a window: larger parameters keep at least as much', () => {
    fc.assert(
      fc.property(ticketArb, involvement, openedList, params, params, time, (ticket, inv, list, a, b, now) => {
        const big = {
          recentDays: Math.max(a.recentDays, b.recentDays),
          mineDays: Math.max(a.mineDays, b.mineDays),
          openedDays: Math.max(a.openedDays, b.openedDays),
          openedMax: Math.max(a.openedMax, b.openedMax),
        };
        const inSet = (p: WorkingSetParams) => isInWorkingSet({ ticket, involvement: inv, opened: openedIdsOf(list, now, p) }, now, p);
        return !inSet(a) || inSet(big);
      }),
    );
  });

  it('keeps a trimmed opened list: unique, within the window, at most openedMax, never older than what it drops', () => {
    fc.assert(
      fc.property(openedList, params, time, (list, p, now) => {
        const kept = keptOpened(list, now, p);
        const keptIds = new Set(kept.map((e) => e.ticketId));
        expect(keptIds.size).toBe(kept.length);
        expect(kept.length).toBeLessThanOrEqual(p.openedMax);
        const start = Date.parse(now) - p.openedDays * DAY_MS;
        for (const entry of kept) expect(Date.parse(entry.openedAt)).toBeGreaterThanOrEqual(start);
        const oldestKept = Math.min(...kept.map((e) => Date.parse(e.openedAt)));
        for (const entry of list) {
          const inWindow = Date.parse(entry.openedAt) >= start;
          if (inWindow && !keptIds.has(entry.ticketId)) expect(Date.parse(entry.openedAt)).toBeLessThanOrEqual(oldestKept);
          if (inWindow && kept.length < p.openedMax) expect(keptIds.has(entry.ticketId)).toBe(true);
        }
      }),
    );
  });

  it('finds the same involvement whatever the order of the records, and ignores other users’ records', () => {
    const user = fc.constantFrom(ME, SAM);
    const eventArb = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), user, user, time, fc.boolean())
      .map(([n, actor, to, at, isAssign]) =>
        isAssign
          ? event(`e${n}`, actor, at, { type: 'assigned', data: { from: null, to } })
          : event(`e${n}`, actor, at, { type: 'escalated', data: { fromTier: 1, toTier: 2, reason: 'r' } }),
      );
    const noteArb = fc.tuple(fc.integer({ min: 0, max: 9999 }), user, time).map(([n, author, at]) => note(`n${n}`, author, at));
    const sessionArb = fc.tuple(fc.integer({ min: 0, max: 9999 }), user, time).map(([n, tech, at]) => session(`s${n}`, tech, at));
    fc.assert(
      fc.property(fc.array(eventArb), fc.array(noteArb), fc.array(sessionArb), (events, notes, sessions) => {
        const ticket = makeTicket({ id: 't-1', createdBy: SAM, createdAt: daysAgo(10) });
        const mine = involvementOf(ME, ticket, events, notes, sessions);
        expect(involvementOf(ME, ticket, [...events].reverse(), [...notes].reverse(), [...sessions].reverse())).toEqual(mine);
        const onlyMine = involvementOf(
          ME,
          ticket,
          events.filter((e) => (e.type === 'assigned' ? e.data.to === ME : e.actorId === ME)),
          notes.filter((n) => n.authorId === ME),
          sessions.filter((s) => s.technicianId === ME),
        );
        expect(onlyMine).toEqual(mine);
      }),
    );
  });
});
