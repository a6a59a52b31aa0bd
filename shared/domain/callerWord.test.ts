import { describe, expect, it } from 'vitest';
import { makeTicket } from '../../tests/support/factories';
import { entityKey, type AnyEntity, type EntityMap, type EntityName } from '../sync/protocol';
import { CALLER_ACTOR_ID, isDueToClose, SYSTEM_ACTOR_ID } from './callerWord';
import { applyMutation, parseMutation } from './mutate';
import type { StateReader } from './mutators';
import type { Note, TicketEvent } from './records';
import type { Ticket } from './ticket';

const resolvedAt = '2026-03-02T09:00:00.000Z';
const now = '2026-03-03T10:00:00.000Z';

const resolved = (): Ticket =>
  makeTicket({ id: 't', status: 'resolved', assigneeId: 'tech-1', resolution: 'Restarted the spooler', resolvedAt, reopenCount: 0 });

/** One ticket; `run` applies a mutation as the server does and keeps what it wrote. */
const desk = (ticket: Ticket) => {
  const records = new Map<string, AnyEntity>([[entityKey('ticket', ticket.id), ticket]]);
  const read: StateReader = <E extends EntityName>(entity: E, id: string) => records.get(entityKey(entity, id)) as EntityMap[E] | undefined;
  const run = (name: string, args: unknown, actorId: string, mutationId = 'srv-1') => {
    const parsed = parseMutation(name, args);
    if (!parsed.ok) return parsed;
    const result = applyMutation(parsed.value, read, { mutationId, actorId, now });
    if (result.ok) for (const write of result.value) if (write.data !== null) records.set(entityKey(write.entity, write.id), write.data);
    return result;
  };
  const current = (): Ticket => read('ticket', ticket.id) ?? ticket;
  const events = (): TicketEvent[] => [...records.values()].filter((r): r is TicketEvent => 'type' in r && 'ticketId' in r);
  const notes = (): Note[] => [...records.values()].filter((r): r is Note => 'body' in r && 'ticketId' in r);
  return { run, current, events, notes };
};

describe('ticket:callerAnswer', () => {
  it('records a Yes with its rating and comment and leaves the ticket resolved', () => {
    const d = desk(resolved());
    const result = d.run('ticket:callerAnswer', { id: 't', resolvedAt, solved: true, rating: 5, comment: ' Works now ' }, CALLER_ACTOR_ID);
    expect(result.ok).toBe(true);
    expect(d.current().status).toBe('resolved');
    expect(d.events()).toEqual([
      {
        id: 'srv-1:0',
        ticketId: 't',
        actorId: CALLER_ACTOR_ID,
        at: now,
        type: 'caller_answered',
        data: { resolvedAt, solved: true, rating: 5, comment: 'Works now', technicianId: 'tech-1' },
      },
    ]);
  });

  it('closes a confirmed ticket at once when a confirmation closes', () => {
    const d = desk(resolved());
    expect(d.run('ticket:callerAnswer', { id: 't', resolvedAt, solved: true, closeOnConfirm: true }, CALLER_ACTOR_ID).ok).toBe(true);
    expect(d.current()).toMatchObject({ status: 'closed', closedAt: now, resolution: 'Restarted the spooler' });
    expect(d.events().map((e) => (e.type === 'status_changed' ? e.data : e.type))).toEqual([
      'caller_answered',
      { from: 'resolved', to: 'closed', resolution: null, isReopen: false, source: 'auto-close' },
    ]);
  });

  it("reopens on a No, counted as a reopen from the caller, with the caller's words as a public note", () => {
    const d = desk(resolved());
    const result = d.run('ticket:callerAnswer', { id: 't', resolvedAt, solved: false, comment: 'Still jams on page 2' }, CALLER_ACTOR_ID);
    expect(result.ok).toBe(true);
    expect(d.current()).toMatchObject({ status: 'open', reopenCount: 1, resolvedAt: null, resolution: null, assigneeId: 'tech-1' });
    const reopen = d.events().find((e) => e.type === 'status_changed');
    expect(reopen?.data).toEqual({ from: 'resolved', to: 'open', resolution: null, isReopen: true, source: 'caller' });
    expect(d.notes()).toEqual([
      { id: 'srv-1:note:0', ticketId: 't', authorId: CALLER_ACTOR_ID, body: 'Still jams on page 2', visibility: 'public', createdAt: now },
    ]);
    expect(d.events().find((e) => e.type === 'caller_answered')?.data).toEqual({
      resolvedAt,
      solved: false,
      rating: null,
      comment: 'Still jams on page 2',
      technicianId: 'tech-1',
    });
  });

  it('refuses a second answer to a resolution it no longer matches, and any answer to a ticket not resolved', () => {
    const d = desk(resolved());
    expect(d.run('ticket:callerAnswer', { id: 't', resolvedAt, solved: false, comment: 'no' }, CALLER_ACTOR_ID).ok).toBe(true);
    const again = d.run('ticket:callerAnswer', { id: 't', resolvedAt, solved: true }, CALLER_ACTOR_ID, 'srv-2');
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const other = desk({ ...resolved(), resolvedAt: '2026-03-02T11:00:00.000Z' });
    expect(other.run('ticket:callerAnswer', { id: 't', resolvedAt, solved: true }, CALLER_ACTOR_ID)).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('refuses a No without words and a rating with a No', () => {
    const d = desk(resolved());
    expect(d.run('ticket:callerAnswer', { id: 't', resolvedAt, solved: false, comment: '  ' }, CALLER_ACTOR_ID)).toMatchObject({
      ok: false,
      error: { code: 'invalid_args' },
    });
    expect(d.run('ticket:callerAnswer', { id: 't', resolvedAt, solved: false, rating: 2, comment: 'x' }, CALLER_ACTOR_ID)).toMatchObject({
      ok: false,
      error: { code: 'invalid_args' },
    });
    expect(d.run('ticket:callerAnswer', { id: 't', resolvedAt, solved: true, rating: 6 }, CALLER_ACTOR_ID)).toMatchObject({
      ok: false,
      error: { code: 'invalid_args' },
    });
  });
});

describe('ticket:autoClose', () => {
  it('closes the resolution it names, and nothing once the ticket moved on', () => {
    const d = desk(resolved());
    expect(d.run('ticket:autoClose', { id: 't', resolvedAt }, SYSTEM_ACTOR_ID).ok).toBe(true);
    expect(d.current()).toMatchObject({ status: 'closed', closedAt: now });
    expect(d.run('ticket:autoClose', { id: 't', resolvedAt }, SYSTEM_ACTOR_ID, 'srv-2')).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(d.events().filter((e) => e.type === 'status_changed')).toHaveLength(1);
  });
});

describe('isDueToClose', () => {
  it('is due exactly the given days after the resolution, and never when not resolved', () => {
    const ticket = { status: 'resolved' as const, resolvedAt };
    // 7 days of 24 hours after 2 March 09:00 is 9 March 09:00.
    expect(isDueToClose(ticket, '2026-03-09T08:59:59.999Z', 7)).toBe(false);
    expect(isDueToClose(ticket, '2026-03-09T09:00:00.000Z', 7)).toBe(true);
    expect(isDueToClose({ status: 'open', resolvedAt: null }, '2027-01-01T00:00:00.000Z', 7)).toBe(false);
  });
});

describe('ticket:callerMail', () => {
  it('reopens a resolved ticket as a caller reopen, with the mail as a public note from the caller', () => {
    const d = desk(resolved());
    expect(d.run('ticket:callerMail', { id: 't', noteId: 'mail-1', body: ' Still broken ' }, CALLER_ACTOR_ID).ok).toBe(true);
    expect(d.current()).toMatchObject({ status: 'open', reopenCount: 1, resolvedAt: null, resolution: null });
    expect(d.notes()).toEqual([{ id: 'mail-1', ticketId: 't', authorId: CALLER_ACTOR_ID, body: 'Still broken', visibility: 'public', createdAt: now }]);
    expect(d.events().map((e) => e.data)).toEqual([
      { from: 'resolved', to: 'open', resolution: null, isReopen: true, source: 'caller' },
      { noteId: 'mail-1', visibility: 'public', via: 'email' },
    ]);
  });

  it('adds the note to an open ticket and leaves its status alone', () => {
    const d = desk(makeTicket({ id: 't', status: 'open' }));
    expect(d.run('ticket:callerMail', { id: 't', noteId: 'mail-1', body: 'More detail' }, CALLER_ACTOR_ID).ok).toBe(true);
    expect(d.current()).toMatchObject({ status: 'open', reopenCount: 0, updatedAt: now });
    expect(d.notes()).toHaveLength(1);
  });

  it('refuses a closed ticket and a note it holds already', () => {
    expect(desk(makeTicket({ id: 't', status: 'closed' })).run('ticket:callerMail', { id: 't', noteId: 'mail-1', body: 'x' }, CALLER_ACTOR_ID)).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    const d = desk(makeTicket({ id: 't', status: 'open' }));
    d.run('ticket:callerMail', { id: 't', noteId: 'mail-1', body: 'x' }, CALLER_ACTOR_ID);
    expect(d.run('ticket:callerMail', { id: 't', noteId: 'mail-1', body: 'x' }, CALLER_ACTOR_ID, 'srv-2')).toMatchObject({
      ok: false,
      error: { code: 'already_exists' },
    });
  });
});
