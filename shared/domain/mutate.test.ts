import { describe, expect, it } from 'vitest';
import { makeCreateArgs, makeTicket, makeUser } from '../../tests/support/factories';
import { entityKey, type AnyEntity, type EntityMap, type EntityName } from '../sync/protocol';
import { applyMutation, mutationReads, parseMutation } from './mutate';
import type { StateReader, Write } from './mutators';
import type { Ticket } from './ticket';

const now = '2026-03-02T10:00:00.000Z';
const ctx = { mutationId: 'm-1', actorId: 'tech-1', now };

const stateOf = (...records: Array<[EntityName, AnyEntity]>): StateReader => {
  const map = new Map(records.map(([entity, record]) => [entityKey(entity, record.id), record]));
  return <E extends EntityName>(entity: E, id: string) => map.get(entityKey(entity, id)) as EntityMap[E] | undefined;
};

const run = (name: string, args: unknown, read: StateReader = stateOf(), context = ctx) => {
  const parsed = parseMutation(name, args);
  if (!parsed.ok) return parsed;
  return applyMutation(parsed.value, read, context);
};

const written = (result: ReturnType<typeof run>): Write[] => {
  if (!result.ok) throw new Error(`refused: ${result.error.message}`);
  return result.value;
};

const ticketOf = (writes: Write[]): Ticket => {
  const write = writes.find((w) => w.entity === 'ticket');
  if (write?.entity !== 'ticket') throw new Error('no ticket written');
  return write.data;
};

describe('parseMutation', () => {
  it('names unknown mutations and invalid fields', () => {
    expect(parseMutation('ticket:explode', {})).toMatchObject({ ok: false, error: { code: 'unknown_mutation' } });
    const bad = parseMutation('ticket:create', { ...makeCreateArgs(), title: '  ', priority: 'whenever' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('invalid_args');
      expect(bad.error.message).toContain('title: must not be blank');
      expect(bad.error.message).toContain('priority');
    }
    expect(parseMutation('ticket:create', { ...makeCreateArgs(), extra: 1 }).ok).toBe(false);
    expect(parseMutation('ticket:update', { id: 't' }).ok).toBe(false);
  });

  it('declares what each rule reads', () => {
    const parsed = parseMutation('ticket:assign', { id: 't1', assigneeId: 'u1' });
    if (!parsed.ok) throw new Error('should parse');
    expect(mutationReads(parsed.value, ctx.actorId)).toEqual([
      { entity: 'ticket', id: 't1' },
      { entity: 'user', id: 'u1' },
    ]);
  });
});

describe('ticket:create', () => {
  it('starts new, at tier 1, unassigned, with SLA due times and a created event', () => {
    const args = makeCreateArgs({ priority: 'urgent' });
    const writes = written(run('ticket:create', args));
    const ticket = ticketOf(writes);
    expect(ticket).toMatchObject({
      id: args.id,
      code: args.code,
      number: null,
      status: 'new',
      tier: 1,
      assigneeId: null,
      createdBy: 'tech-1',
      createdAt: now,
      reopenCount: 0,
    });
    expect(ticket.firstResponseDueAt).toBe('2026-03-02T10:15:00.000Z');
    expect(ticket.resolutionDueAt).toBe('2026-03-02T14:00:00.000Z');
    expect(writes.find((w) => w.entity === 'event')?.data).toMatchObject({ id: 'm-1:0', type: 'created', actorId: 'tech-1', at: now });
  });

  it('with an assignee (the technician who answered the call) is theirs and open from the start, responded to', () => {
    const tech = makeUser({ id: 'tech-1' });
    const args = makeCreateArgs({ assigneeId: tech.id });
    const parsed = parseMutation('ticket:create', args);
    if (!parsed.ok) throw new Error('should parse');
    expect(mutationReads(parsed.value, ctx.actorId)).toEqual([
      { entity: 'ticket', id: args.id },
      { entity: 'user', id: tech.id },
    ]);
    const writes = written(run('ticket:create', args, stateOf(['user', tech])));
    expect(ticketOf(writes)).toMatchObject({ status: 'open', assigneeId: tech.id, firstRespondedAt: now, createdAt: now });
    expect(writes.filter((w) => w.entity === 'event').map((w) => w.data)).toMatchObject([
      { id: 'm-1:0', type: 'created' },
      { id: 'm-1:1', type: 'assigned', data: { from: null, to: tech.id } },
      { id: 'm-1:2', type: 'status_changed', data: { from: 'new', to: 'open', resolution: null, isReopen: false } },
    ]);
  });

  it('refuses an assignee who is not an active member of staff', () => {
    const gone = makeUser({ id: 'gone', active: false });
    expect(run('ticket:create', makeCreateArgs({ assigneeId: 'ghost' }))).toMatchObject({ ok: false, error: { code: 'invalid_assignee' } });
    expect(run('ticket:create', makeCreateArgs({ assigneeId: gone.id }), stateOf(['user', gone]))).toMatchObject({
      ok: false,
      error: { code: 'invalid_assignee' },
    });
    expect(ticketOf(written(run('ticket:create', makeCreateArgs({ assigneeId: null })))).status).toBe('new');
  });

  it('refuses an id that exists', () => {
    const existing = makeTicket();
    expect(run('ticket:create', makeCreateArgs({ id: existing.id }), stateOf(['ticket', existing]))).toMatchObject({
      ok: false,
      error: { code: 'already_exists' },
    });
  });
});

describe('ticket:update', () => {
  it('records one field_edited event per changed field and ignores unchanged ones', () => {
    const ticket = makeTicket({ title: 'Old', category: 'printing' });
    const writes = written(run('ticket:update', { id: ticket.id, title: 'New', category: 'printing' }, stateOf(['ticket', ticket])));
    const events = writes.filter((w) => w.entity === 'event');
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({ type: 'field_edited', data: { field: 'title', from: 'Old', to: 'New' } });
    expect(ticketOf(writes)).toMatchObject({ title: 'New', updatedAt: now });
    expect(written(run('ticket:update', { id: ticket.id, title: 'Old' }, stateOf(['ticket', ticket])))).toEqual([]);
  });

  it('recomputes the due times when the priority changes', () => {
    const ticket = makeTicket({ priority: 'low' });
    const updated = ticketOf(written(run('ticket:update', { id: ticket.id, priority: 'urgent' }, stateOf(['ticket', ticket]))));
    expect(updated.resolutionDueAt).toBe('2026-03-02T13:00:00.000Z');
  });

  it('refuses an unknown ticket', () => {
    expect(run('ticket:update', { id: 'nope', title: 'x' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('ticket:assign', () => {
  const tech = makeUser({ id: 'tech-2' });

  it('assigns an active member of staff and records from/to', () => {
    const ticket = makeTicket();
    const writes = written(run('ticket:assign', { id: ticket.id, assigneeId: tech.id }, stateOf(['ticket', ticket], ['user', tech])));
    expect(ticketOf(writes).assigneeId).toBe(tech.id);
    expect(writes.find((w) => w.entity === 'event')?.data).toMatchObject({ type: 'assigned', data: { from: null, to: tech.id } });
  });

  it('refuses unknown or deactivated assignees', () => {
    const ticket = makeTicket();
    expect(run('ticket:assign', { id: ticket.id, assigneeId: 'ghost' }, stateOf(['ticket', ticket]))).toMatchObject({
      ok: false,
      error: { code: 'invalid_assignee' },
    });
    const gone = makeUser({ id: 'gone', active: false });
    expect(run('ticket:assign', { id: ticket.id, assigneeId: gone.id }, stateOf(['ticket', ticket], ['user', gone]))).toMatchObject({ ok: false });
  });

  it('unassigns with null', () => {
    const ticket = makeTicket({ assigneeId: tech.id });
    expect(ticketOf(written(run('ticket:assign', { id: ticket.id, assigneeId: null }, stateOf(['ticket', ticket])))).assigneeId).toBeNull();
  });

  it('opens a new ticket it gives to someone, as its first response, with the status change on the timeline', () => {
    const ticket = makeTicket();
    const writes = written(run('ticket:assign', { id: ticket.id, assigneeId: tech.id }, stateOf(['ticket', ticket], ['user', tech])));
    expect(ticketOf(writes)).toMatchObject({ status: 'open', assigneeId: tech.id, firstRespondedAt: now, updatedAt: now });
    expect(writes.filter((w) => w.entity === 'event').map((w) => w.data)).toMatchObject([
      { id: 'm-1:0', type: 'assigned' },
      { id: 'm-1:1', type: 'status_changed', data: { from: 'new', to: 'open', isReopen: false } },
    ]);
  });

  it('leaves the status of a ticket past new, and of an unassigned new ticket, alone', () => {
    for (const status of ['open', 'pending', 'resolved', 'closed'] as const) {
      const ticket = makeTicket({ status, firstRespondedAt: null });
      const writes = written(run('ticket:assign', { id: ticket.id, assigneeId: tech.id }, stateOf(['ticket', ticket], ['user', tech])));
      expect(ticketOf(writes)).toMatchObject({ status, firstRespondedAt: null });
      expect(writes.filter((w) => w.entity === 'event')).toHaveLength(1);
    }
    const unowned = makeTicket({ assigneeId: tech.id });
    expect(ticketOf(written(run('ticket:assign', { id: unowned.id, assigneeId: null }, stateOf(['ticket', unowned])))).status).toBe('new');
  });
});

describe('ticket:transition', () => {
  it('rejects a stale `from` as a conflict carrying the current ticket', () => {
    const ticket = makeTicket({ status: 'resolved' });
    const result = run('ticket:transition', { id: ticket.id, from: 'open', to: 'pending' }, stateOf(['ticket', ticket]));
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict', message: 'The ticket is resolved now, not open.', current: { status: 'resolved' } } });
  });

  it('marks the first response when the ticket leaves new', () => {
    const ticket = makeTicket();
    expect(ticketOf(written(run('ticket:transition', { id: ticket.id, from: 'new', to: 'open' }, stateOf(['ticket', ticket])))).firstRespondedAt).toBe(now);
  });

  it('pauses and resumes the resolution clock around pending', () => {
    const ticket = makeTicket({ status: 'open', priority: 'high' }); // due 17:00
    const pending = ticketOf(written(run('ticket:transition', { id: ticket.id, from: 'open', to: 'pending' }, stateOf(['ticket', ticket]))));
    expect(pending.pendingSince).toBe(now);
    const later = { ...ctx, mutationId: 'm-2', now: '2026-03-02T12:00:00.000Z' };
    const resumed = ticketOf(written(run('ticket:transition', { id: ticket.id, from: 'pending', to: 'open' }, stateOf(['ticket', pending]), later)));
    expect(resumed).toMatchObject({ pendingSince: null, pausedMs: 2 * 3_600_000, resolutionDueAt: '2026-03-02T19:00:00.000Z' });
  });

  it('resolves with a resolution text, closes, and counts reopens', () => {
    const ticket = makeTicket({ status: 'open' });
    const resolved = ticketOf(
      written(run('ticket:transition', { id: ticket.id, from: 'open', to: 'resolved', resolution: ' Reset the password ' }, stateOf(['ticket', ticket]))),
    );
    expect(resolved).toMatchObject({ status: 'resolved', resolution: 'Reset the password', resolvedAt: now });
    const closed = ticketOf(written(run('ticket:transition', { id: ticket.id, from: 'resolved', to: 'closed' }, stateOf(['ticket', resolved]))));
    expect(closed.closedAt).toBe(now);
    const writes = written(run('ticket:transition', { id: ticket.id, from: 'closed', to: 'open' }, stateOf(['ticket', closed])));
    expect(ticketOf(writes)).toMatchObject({ status: 'open', reopenCount: 1, resolvedAt: null, closedAt: null, resolution: null });
    expect(writes.find((w) => w.entity === 'event')?.data).toMatchObject({ type: 'status_changed', data: { from: 'closed', to: 'open', isReopen: true } });
  });

  it('resolves a new ticket in one step (fixed on the call), the first response then', () => {
    const ticket = makeTicket({ assigneeId: 'tech-1' });
    const writes = written(
      run('ticket:transition', { id: ticket.id, from: 'new', to: 'resolved', resolution: 'Restarted the router' }, stateOf(['ticket', ticket])),
    );
    expect(ticketOf(writes)).toMatchObject({
      status: 'resolved',
      resolvedAt: now,
      firstRespondedAt: now,
      resolution: 'Restarted the router',
      assigneeId: 'tech-1',
    });
    expect(writes.filter((w) => w.entity === 'event').map((w) => w.data)).toMatchObject([{ type: 'status_changed', data: { from: 'new', to: 'resolved' } }]);
  });

  it('gives an unassigned ticket to whoever resolves it, so the resolution is credited to them', () => {
    for (const status of ['new', 'open'] as const) {
      const ticket = makeTicket({ status });
      const writes = written(run('ticket:transition', { id: ticket.id, from: status, to: 'resolved', resolution: 'Fixed' }, stateOf(['ticket', ticket])));
      expect(ticketOf(writes)).toMatchObject({ status: 'resolved', assigneeId: 'tech-1' });
      expect(writes.filter((w) => w.entity === 'event').map((w) => w.data)).toMatchObject([
        { id: 'm-1:0', type: 'status_changed', data: { from: status, to: 'resolved' } },
        { id: 'm-1:1', type: 'assigned', actorId: 'tech-1', data: { from: null, to: 'tech-1' } },
      ]);
    }
    const others = makeTicket({ status: 'open', assigneeId: 'tech-2' });
    expect(
      ticketOf(written(run('ticket:transition', { id: others.id, from: 'open', to: 'resolved', resolution: 'Fixed' }, stateOf(['ticket', others])))).assigneeId,
    ).toBe('tech-2');
  });

  it('refuses resolving without a resolution', () => {
    const ticket = makeTicket({ status: 'open' });
    expect(run('ticket:transition', { id: ticket.id, from: 'open', to: 'resolved' }, stateOf(['ticket', ticket]))).toMatchObject({
      ok: false,
      error: { code: 'resolution_required' },
    });
  });
});

describe('ticket:escalate', () => {
  it('raises the tier, unassigns and records the reason', () => {
    const ticket = makeTicket({ status: 'open', assigneeId: 'tech-1' });
    const writes = written(run('ticket:escalate', { id: ticket.id, toTier: 2, reason: 'Needs domain admin' }, stateOf(['ticket', ticket])));
    expect(ticketOf(writes)).toMatchObject({ tier: 2, assigneeId: null });
    expect(writes.filter((w) => w.entity === 'event').map((w) => w.data)).toMatchObject([
      { id: 'm-1:0', type: 'escalated', data: { fromTier: 1, toTier: 2, reason: 'Needs domain admin' } },
      { id: 'm-1:1', type: 'assigned', data: { from: 'tech-1', to: null } },
    ]);
  });

  it('refuses going down, a blank reason, and resolved tickets', () => {
    const ticket = makeTicket({ status: 'open', tier: 2 });
    expect(run('ticket:escalate', { id: ticket.id, toTier: 2, reason: 'x' }, stateOf(['ticket', ticket])).ok).toBe(false);
    expect(run('ticket:escalate', { id: ticket.id, toTier: 3, reason: ' ' }, stateOf(['ticket', ticket])).ok).toBe(false);
    const resolved = makeTicket({ status: 'resolved' });
    expect(run('ticket:escalate', { id: resolved.id, toTier: 2, reason: 'x' }, stateOf(['ticket', resolved]))).toMatchObject({
      ok: false,
      error: { code: 'invalid_escalation' },
    });
  });
});

describe('note:add', () => {
  it('adds the note, an event, and counts a public note as the first response', () => {
    const ticket = makeTicket();
    const writes = written(run('note:add', { id: 'n1', ticketId: ticket.id, body: 'We are on it', visibility: 'public' }, stateOf(['ticket', ticket])));
    expect(writes.find((w) => w.entity === 'note')?.data).toMatchObject({ id: 'n1', authorId: 'tech-1', visibility: 'public', createdAt: now });
    expect(ticketOf(writes).firstRespondedAt).toBe(now);
    const internal = written(run('note:add', { id: 'n2', ticketId: ticket.id, body: 'Check AD', visibility: 'internal' }, stateOf(['ticket', ticket])));
    expect(ticketOf(internal).firstRespondedAt).toBeNull();
  });
});

describe('session:save', () => {
  const base = { id: 's1', tool: 'rdp', target: 'PC-0042', startedAt: '2026-03-02T09:30:00.000Z', consent: true, steps: [] };

  it('logs the start, then the end with its duration, upserting by id', () => {
    const ticket = makeTicket();
    const started = written(run('session:save', { ...base, ticketId: ticket.id }, stateOf(['ticket', ticket])));
    const session = started.find((w) => w.entity === 'session');
    if (session?.entity !== 'session') throw new Error('no session');
    expect(started.find((w) => w.entity === 'event')?.data).toMatchObject({ type: 'session_logged', data: { phase: 'started' } });
    const end = {
      ...base,
      ticketId: ticket.id,
      endedAt: '2026-03-02T09:50:00.000Z',
      outcome: 'resolved',
      steps: [{ at: '2026-03-02T09:35:00.000Z', text: 'Cleared the print spooler' }],
    };
    const ended = written(run('session:save', end, stateOf(['ticket', ticket], ['session', session.data]), { ...ctx, mutationId: 'm-2' }));
    expect(ended.find((w) => w.entity === 'session')?.data).toMatchObject({ endedAt: end.endedAt, outcome: 'resolved', steps: end.steps });
    expect(ended.find((w) => w.entity === 'event')?.data).toMatchObject({ id: 'm-2:1', data: { phase: 'ended', durationMs: 20 * 60_000 } });
  });

  it('refuses another technician, another ticket, or an end before the start', () => {
    const ticket = makeTicket();
    const started = written(run('session:save', { ...base, ticketId: ticket.id }, stateOf(['ticket', ticket])));
    const session = started.find((w) => w.entity === 'session');
    if (session?.entity !== 'session') throw new Error('no session');
    const state = stateOf(['ticket', ticket], ['session', session.data]);
    expect(run('session:save', { ...base, ticketId: ticket.id }, state, { ...ctx, actorId: 'someone-else' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(run('session:save', { ...base, ticketId: 'other' }, stateOf(['ticket', makeTicket({ id: 'other' })], ['session', session.data]))).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(run('session:save', { ...base, ticketId: ticket.id, endedAt: '2026-03-02T09:00:00.000Z' }, stateOf(['ticket', ticket]))).toMatchObject({
      ok: false,
      error: { code: 'invalid_args' },
    });
  });
});

describe('call:log', () => {
  it('adds the call time to the ticket and a call event', () => {
    const ticket = makeTicket({ callMs: 60_000 });
    const writes = written(
      run('call:log', { ticketId: ticket.id, startedAt: '2026-03-02T09:50:00.000Z', endedAt: '2026-03-02T09:56:30.000Z' }, stateOf(['ticket', ticket])),
    );
    expect(ticketOf(writes).callMs).toBe(60_000 + 390_000);
    expect(writes.find((w) => w.entity === 'event')?.data).toMatchObject({ type: 'call_logged', data: { durationMs: 390_000 } });
  });

  it('refuses a call that ends before it starts or lasts over a day', () => {
    const ticket = makeTicket();
    expect(
      run('call:log', { ticketId: ticket.id, startedAt: '2026-03-02T10:00:00.000Z', endedAt: '2026-03-02T09:00:00.000Z' }, stateOf(['ticket', ticket])),
    ).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(
      run('call:log', { ticketId: ticket.id, startedAt: '2026-03-02T10:00:00.000Z', endedAt: '2026-03-04T10:00:00.000Z' }, stateOf(['ticket', ticket])).ok,
    ).toBe(false);
  });
});

describe('take next (ticket:assign ifUnassigned)', () => {
  const me = makeUser({ id: 'tech-1' });

  it('takes an unassigned ticket', () => {
    const ticket = makeTicket();
    expect(
      ticketOf(written(run('ticket:assign', { id: ticket.id, assigneeId: me.id, ifUnassigned: true }, stateOf(['ticket', ticket], ['user', me])))).assigneeId,
    ).toBe(me.id);
  });

  it('refuses, as a conflict, a ticket someone else took first', () => {
    const ticket = makeTicket({ assigneeId: 'tech-2' });
    expect(run('ticket:assign', { id: ticket.id, assigneeId: me.id, ifUnassigned: true }, stateOf(['ticket', ticket], ['user', me]))).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'Someone else took this ticket first.', current: { assigneeId: 'tech-2' } },
    });
  });
});

describe('text arguments', () => {
  it('refuse NUL characters, which no one types and PostgreSQL cannot store', () => {
    const parsed = parseMutation('ticket:create', makeCreateArgs({ title: 'Printer\u0000jam' }));
    expect(parsed).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    if (!parsed.ok) expect(parsed.error.message).toContain('title: must not contain NUL characters');
  });
});
