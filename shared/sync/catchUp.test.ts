import { describe, expect, it } from 'vitest';
import type { Note } from '../domain/records';
import type { Ticket } from '../domain/ticket';
import { NEW_TICKET_SLACK_MS, ticketsOfChanges, ticketsToCatchUp, ticketsToDrop, type HeldTicket, type ScopeState } from './catchUp';
import { DAY_MS } from './workingSet';

const PARAMS = { recentDays: 30, mineDays: 365, openedDays: 30, openedMax: 1000 };
const AT = '2026-06-01T12:00:00.000Z';
const ago = (ms: number) => new Date(Date.parse(AT) - ms).toISOString();
const scope = (overrides: Partial<ScopeState> = {}): ScopeState => ({ at: AT, params: PARAMS, opened: [], ...overrides });

const ticket = (id: string, overrides: Partial<Ticket> = {}): Ticket =>
  ({
    id,
    status: 'open',
    createdBy: 'someone',
    createdAt: ago(2 * DAY_MS),
    updatedAt: ago(2 * DAY_MS),
    resolvedAt: null,
    closedAt: null,
    ...overrides,
  }) as Ticket;

/** Resolved this long before AT, by someone else, with nothing of the user's. */
const ended = (id: string, endedAgo: number): Ticket => ticket(id, { status: 'resolved', resolvedAt: ago(endedAgo), createdAt: ago(endedAgo + DAY_MS) });
const held = (record: Ticket, notes: Note[] = []): HeldTicket => ({ ticket: record, events: [], notes, sessions: [] });
const note = (ticketId: string, authorId: string, createdAt: string): Note =>
  ({ id: `n-${ticketId}`, ticketId, authorId, createdAt, body: 'x', visibility: 'internal' }) as Note;

describe('ticketsOfChanges', () => {
  it('names the ticket of every put, with its record when the page carries it, and skips deletions', () => {
    const t = ticket('t1');
    const found = ticketsOfChanges([
      { entity: 'note', id: 'n', op: 'put', data: note('t2', 'u', AT) },
      { entity: 'ticket', id: 't1', op: 'put', data: t },
      { entity: 'event', id: 'e', op: 'delete', data: null },
      { entity: 'user', id: 'u', op: 'put', data: { id: 'u', username: 'u', displayName: 'U', role: 'technician', tier: 1, active: true } },
    ]);
    expect([...found]).toEqual([
      ['t2', null],
      ['t1', t],
    ]);
  });
});

describe('ticketsToCatchUp', () => {
  const run = (referenced: Array<[string, Ticket | null]>, holding: HeldTicket[], state = scope()) =>
    ticketsToCatchUp({ userId: 'me', referenced: new Map(referenced), held: new Map(holding.map((h) => [h.ticket.id, h])), scope: state, pageAt: AT });

  it('fetches a ticket the console does not hold, unless the page brings it new', () => {
    const fresh = ticket('new', { createdAt: ago(NEW_TICKET_SLACK_MS) });
    const old = ticket('old', { createdAt: ago(NEW_TICKET_SLACK_MS + 1) });
    expect(
      run(
        [
          ['new', fresh],
          ['old', old],
          ['noted', null],
        ],
        [],
      ),
    ).toEqual(['old', 'noted']);
  });

  it('fetches a held ticket that was out of the set at `since` by its own records, not one that was in', () => {
    const out = ended('out', 31 * DAY_MS);
    const recent = ended('recent', 29 * DAY_MS);
    const mine = held(ended('mine', 200 * DAY_MS), [note('mine', 'me', ago(100 * DAY_MS))]);
    expect(
      run(
        [
          ['out', null],
          ['recent', null],
          ['mine', null],
        ],
        [held(out), held(recent), mine],
      ),
    ).toEqual(['out']);
  });

  it('counts an opening kept at `since` as in the set', () => {
    const out = ended('out', 31 * DAY_MS);
    expect(run([['out', null]], [held(out)], scope({ opened: [{ ticketId: 'out', openedAt: ago(DAY_MS) }] }))).toEqual([]);
  });

  it('takes what a console held before its first scoped page as whole', () => {
    expect(run([['out', null]], [held(ended('out', 400 * DAY_MS))], scope({ at: null }))).toEqual([]);
  });
});

describe('ticketsToDrop', () => {
  it('drops ended tickets out of the set, never live ones or ones with local work', () => {
    const tickets = [held(ended('old', 31 * DAY_MS)), held(ended('kept', 31 * DAY_MS)), held(ended('recent', DAY_MS)), held(ticket('live'))];
    expect(ticketsToDrop('me', tickets, scope(), new Set(['kept']))).toEqual(['old']);
  });

  it('drops nothing before the console knows its set', () => {
    expect(ticketsToDrop('me', [held(ended('old', 31 * DAY_MS))], scope({ params: null }), new Set())).toEqual([]);
    expect(ticketsToDrop('me', [held(ended('old', 31 * DAY_MS))], scope({ at: null }), new Set())).toEqual([]);
  });
});
