import { describe, expect, it } from 'vitest';
import { makeTicket } from '../../tests/support/factories';
import { entityKey, type AnyEntity, type EntityMap, type EntityName } from '../sync/protocol';
import { applyMutation, mutationFollowReads, mutationReads, parseMutation } from './mutate';
import type { StateReader, Write } from './mutators';
import type { Note, TicketEvent } from './records';
import type { Ticket } from './ticket';

const now = '2026-03-02T10:00:00.000Z';
const ctx = { mutationId: 'm-1', actorId: 'tech-1', now };

/** A desk's records; `run` applies a mutation to it as the server and every console do, writes included. */
const desk = (...tickets: Ticket[]) => {
  const records = new Map<string, AnyEntity>(tickets.map((t) => [entityKey('ticket', t.id), t]));
  const read: StateReader = <E extends EntityName>(entity: E, id: string) => records.get(entityKey(entity, id)) as EntityMap[E] | undefined;
  let count = 0;
  const run = (name: string, args: unknown, actorId = 'tech-1') => {
    const parsed = parseMutation(name, args);
    if (!parsed.ok) return parsed;
    count += 1;
    const result = applyMutation(parsed.value, read, { ...ctx, actorId, mutationId: `m-${count}` });
    if (result.ok) for (const write of result.value) if (write.data !== null) records.set(entityKey(write.entity, write.id), write.data);
    return result;
  };
  const ticket = (id: string): Ticket => {
    const found = read('ticket', id);
    if (found === undefined) throw new Error(`no ticket ${id}`);
    return found;
  };
  const events = (ticketId: string): TicketEvent[] =>
    [...records.values()].filter((r): r is TicketEvent => 'type' in r && 'ticketId' in r && r.ticketId === ticketId);
  const notes = (ticketId: string): Note[] => [...records.values()].filter((r): r is Note => 'body' in r && 'ticketId' in r && r.ticketId === ticketId);
  return { read, run, ticket, events, notes };
};

const written = (result: { ok: true; value: Write[] } | { ok: false; error: { message: string } }): Write[] => {
  if (!result.ok) throw new Error(`refused: ${result.error.message}`);
  return result.value;
};

const p = () =>
  makeTicket({
    id: 'p',
    number: 10,
    title: 'Mail server down',
    category: 'email',
    status: 'open',
    assigneeId: 'tech-2',
    firstRespondedAt: '2026-03-02T09:05:00.000Z',
  });
const incident = (id: string, overrides: Partial<Ticket> = {}) =>
  makeTicket({ id, number: Number(id.replace(/\D/g, '')) || 1, category: 'email', ...overrides });

describe('ticket:link', () => {
  it('keeps a related link on both tickets, each with a linked event', () => {
    const d = desk(incident('a1'), incident('b2'));
    const writes = written(d.run('ticket:link', { id: 'a1', otherId: 'b2', kind: 'related' }));
    expect(d.ticket('a1').links).toEqual([{ otherId: 'b2', kind: 'related' }]);
    expect(d.ticket('b2').links).toEqual([{ otherId: 'a1', kind: 'related' }]);
    expect(d.ticket('a1').updatedAt).toBe(now);
    expect(writes.filter((w) => w.entity === 'event').map((w) => w.data)).toEqual([
      { id: 'm-1:0', ticketId: 'a1', actorId: 'tech-1', at: now, type: 'linked', data: { otherId: 'b2', kind: 'related' } },
      { id: 'm-1:1', ticketId: 'b2', actorId: 'tech-1', at: now, type: 'linked', data: { otherId: 'a1', kind: 'related' } },
    ]);
  });

  it('stores on each side what the other ticket is to it: a duplicate its original, a problem its incidents', () => {
    const d = desk(incident('d1'), incident('o2'), p(), incident('i3'));
    written(d.run('ticket:link', { id: 'd1', otherId: 'o2', kind: 'duplicate' }));
    expect(d.ticket('d1').links).toEqual([{ otherId: 'o2', kind: 'original' }]);
    expect(d.ticket('o2').links).toEqual([{ otherId: 'd1', kind: 'duplicate' }]);
    written(d.run('ticket:markProblem', { id: 'p', isProblem: true }));
    written(d.run('ticket:link', { id: 'i3', otherId: 'p', kind: 'problem' }));
    expect(d.ticket('i3').links).toEqual([{ otherId: 'p', kind: 'problem' }]);
    expect(d.ticket('p')).toMatchObject({ isProblem: true, links: [{ otherId: 'i3', kind: 'incident' }] });
  });

  it('changes nothing when the same link exists already (two consoles making it)', () => {
    const d = desk(incident('a1'), incident('b2'));
    written(d.run('ticket:link', { id: 'a1', otherId: 'b2', kind: 'related' }));
    expect(written(d.run('ticket:link', { id: 'a1', otherId: 'b2', kind: 'related' }))).toEqual([]);
  });

  it('refuses nonsense, each with its own code', () => {
    const d = desk(incident('a1'), incident('b2'), incident('c3'), p(), makeTicket({ id: 'q', number: 11, isProblem: true }));
    expect(d.run('ticket:link', { id: 'a1', otherId: 'a1', kind: 'related' })).toMatchObject({ ok: false, error: { code: 'link_to_self' } });
    expect(d.run('ticket:link', { id: 'a1', otherId: 'nope', kind: 'related' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(d.run('ticket:link', { id: 'nope', otherId: 'a1', kind: 'related' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(d.run('ticket:link', { id: 'a1', otherId: 'b2', kind: 'sibling' })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(d.run('ticket:link', { id: 'a1', otherId: 'b2', kind: 'related', extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    // Not a problem (yet).
    expect(d.run('ticket:link', { id: 'a1', otherId: 'p', kind: 'problem' })).toMatchObject({
      ok: false,
      error: { code: 'not_a_problem', message: '#10 is not marked as a problem; mark it as a problem first.' },
    });
    written(d.run('ticket:markProblem', { id: 'p', isProblem: true }));
    // A problem is no incident, and an incident has one problem.
    expect(d.run('ticket:link', { id: 'q', otherId: 'p', kind: 'problem' })).toMatchObject({ ok: false, error: { code: 'problem_cannot_be_incident' } });
    written(d.run('ticket:link', { id: 'a1', otherId: 'p', kind: 'problem' }));
    expect(d.run('ticket:link', { id: 'a1', otherId: 'q', kind: 'problem' })).toMatchObject({ ok: false, error: { code: 'already_incident' } });
    // Linked one way, not another.
    expect(d.run('ticket:link', { id: 'a1', otherId: 'p', kind: 'related' })).toMatchObject({ ok: false, error: { code: 'already_linked' } });
    expect(d.run('ticket:link', { id: 'p', otherId: 'a1', kind: 'duplicate' })).toMatchObject({ ok: false, error: { code: 'already_linked' } });
    // No chains, so no cycles, of duplicates.
    written(d.run('ticket:link', { id: 'b2', otherId: 'c3', kind: 'duplicate' }));
    expect(d.run('ticket:link', { id: 'c3', otherId: 'b2', kind: 'duplicate' })).toMatchObject({ ok: false, error: { code: 'already_linked' } });
    expect(d.run('ticket:link', { id: 'a1', otherId: 'b2', kind: 'duplicate' })).toMatchObject({ ok: false, error: { code: 'duplicate_of_duplicate' } });
    expect(d.run('ticket:link', { id: 'c3', otherId: 'a1', kind: 'duplicate' })).toMatchObject({ ok: false, error: { code: 'has_duplicates' } });
    expect(d.run('ticket:link', { id: 'b2', otherId: 'a1', kind: 'duplicate' })).toMatchObject({ ok: false, error: { code: 'already_duplicate' } });
    expect(d.run('ticket:link', { id: 'q', otherId: 'a1', kind: 'duplicate' })).toMatchObject({ ok: false, error: { code: 'problem_cannot_be_duplicate' } });
    // Nothing refused wrote anything.
    expect(d.ticket('c3').links).toEqual([{ otherId: 'b2', kind: 'duplicate' }]);
    expect(d.ticket('q').links).toBeUndefined();
  });

  it('leaves an open ticket linked to a problem or an original already resolved open: its caller says it is not fixed', () => {
    const d = desk(p(), incident('i1'), incident('d2'));
    written(d.run('ticket:markProblem', { id: 'p', isProblem: true }));
    written(d.run('ticket:transition', { id: 'p', from: 'open', to: 'resolved', resolution: 'Mail server restarted.' }));
    const writes = written(d.run('ticket:link', { id: 'i1', otherId: 'p', kind: 'problem' }));
    expect(writes.map((w) => (w.entity === 'event' ? w.data.type : w.id))).toEqual(['i1', 'p', 'linked', 'linked']);
    written(d.run('ticket:link', { id: 'd2', otherId: 'p', kind: 'related' }));
    expect(d.ticket('i1')).toMatchObject({ status: 'new', resolution: null, links: [{ otherId: 'p', kind: 'problem' }] });
    expect(d.notes('i1')).toEqual([]);
  });
});

describe('resolving a problem or an original', () => {
  it('resolves the open incidents in the same change, each with a public note, and leaves the others alone', () => {
    const d = desk(
      p(),
      incident('i1', { status: 'new' }),
      incident('i2', { status: 'open', assigneeId: 'tech-2', firstRespondedAt: '2026-03-02T09:10:00.000Z' }),
      incident('i3', { status: 'closed', resolution: 'Own fix', resolvedAt: '2026-03-02T09:20:00.000Z', closedAt: '2026-03-02T09:21:00.000Z' }),
    );
    written(d.run('ticket:markProblem', { id: 'p', isProblem: true }));
    for (const id of ['i1', 'i2', 'i3']) written(d.run('ticket:link', { id, otherId: 'p', kind: 'problem' }));
    const parsed = parseMutation('ticket:transition', { id: 'p', from: 'open', to: 'resolved', resolution: '  Mail server restarted. ' });
    if (!parsed.ok) throw new Error('should parse');
    // The incidents are named by the problem, so they are read once the problem is.
    expect(mutationReads(parsed.value, ctx.actorId)).toEqual([{ entity: 'ticket', id: 'p' }]);
    expect(mutationFollowReads(parsed.value, d.read)).toEqual(['i1', 'i2', 'i3'].map((id) => ({ entity: 'ticket', id })));
    const writes = written(d.run('ticket:transition', { id: 'p', from: 'open', to: 'resolved', resolution: '  Mail server restarted. ' }));
    expect(d.ticket('p')).toMatchObject({ status: 'resolved', resolution: 'Mail server restarted.' });
    expect(d.ticket('i1')).toMatchObject({
      status: 'resolved',
      resolution: 'Mail server restarted.',
      assigneeId: 'tech-1',
      firstRespondedAt: now,
      resolvedAt: now,
    });
    expect(d.ticket('i2')).toMatchObject({
      status: 'resolved',
      resolution: 'Mail server restarted.',
      assigneeId: 'tech-2',
      firstRespondedAt: '2026-03-02T09:10:00.000Z',
    });
    expect(d.ticket('i3')).toMatchObject({ status: 'closed', resolution: 'Own fix' });
    expect(d.notes('i1').map((n) => [n.body, n.visibility])).toEqual([['Mail server restarted.', 'public']]);
    expect(d.notes('i3')).toEqual([]);
    // Every record the change wrote has its own id.
    const ids = writes.map((w) => `${w.entity}/${w.id}`);
    expect(new Set(ids).size).toBe(ids.length);
    expect(writes.filter((w) => w.entity === 'ticket').map((w) => w.id)).toEqual(['p', 'i1', 'i2']);
  });

  it('resolves the open duplicates of an original, a pending one resumed first (pending cannot be resolved directly)', () => {
    const d = desk(incident('o1', { status: 'open' }), incident('d2'), incident('d3', { status: 'pending', pendingSince: '2026-03-02T09:30:00.000Z' }));
    written(d.run('ticket:link', { id: 'd2', otherId: 'o1', kind: 'duplicate' }));
    written(d.run('ticket:link', { id: 'd3', otherId: 'o1', kind: 'duplicate' }));
    written(d.run('ticket:transition', { id: 'o1', from: 'open', to: 'resolved', resolution: 'Toner replaced.' }, 'tech-3'));
    expect(d.ticket('d2')).toMatchObject({ status: 'resolved', resolution: 'Toner replaced.', assigneeId: 'tech-3' });
    expect(d.notes('d2').map((n) => [n.id, n.body, n.visibility])).toEqual([['m-3:note:0', 'Toner replaced.', 'public']]);
    expect(d.ticket('d3')).toMatchObject({ status: 'resolved', resolution: 'Toner replaced.', pendingSince: null, resolvedAt: now });
    expect(d.events('d3').map((e) => [e.type, e.type === 'status_changed' ? `${e.data.from}>${e.data.to} via ${e.data.via ?? ''}` : ''])).toEqual([
      ['linked', ''],
      ['status_changed', 'pending>open via o1'],
      ['status_changed', 'open>resolved via o1'],
      ['assigned', ''],
      ['note_added', ''],
    ]);
  });

  it('leaves a related ticket alone, and a dependent this side does not hold yet', () => {
    const d = desk(incident('a1', { status: 'open' }), incident('b2'));
    written(d.run('ticket:link', { id: 'a1', otherId: 'b2', kind: 'related' }));
    written(d.run('ticket:transition', { id: 'a1', from: 'open', to: 'resolved', resolution: 'Done' }));
    expect(d.ticket('b2').status).toBe('new');
    const held = desk({ ...p(), isProblem: true, links: [{ otherId: 'elsewhere', kind: 'incident' }] });
    written(held.run('ticket:transition', { id: 'p', from: 'open', to: 'resolved', resolution: 'Done' }));
    expect(held.ticket('p').status).toBe('resolved');
  });
});

describe('ticket:unlink and ticket:markProblem', () => {
  it('removes the link from both tickets with an unlinked event on each; twice changes nothing', () => {
    const d = desk(incident('d1'), incident('o2'));
    written(d.run('ticket:link', { id: 'd1', otherId: 'o2', kind: 'duplicate' }));
    const writes = written(d.run('ticket:unlink', { id: 'o2', otherId: 'd1' }));
    expect(d.ticket('d1').links).toEqual([]);
    expect(d.ticket('o2').links).toEqual([]);
    expect(
      writes.filter((w) => w.entity === 'event').map((w) => [w.data.ticketId, w.entity === 'event' && w.data.type === 'unlinked' ? w.data.data.kind : null]),
    ).toEqual([
      ['o2', 'duplicate'],
      ['d1', 'original'],
    ]);
    expect(written(d.run('ticket:unlink', { id: 'o2', otherId: 'd1' }))).toEqual([]);
    expect(d.run('ticket:unlink', { id: 'o2', otherId: 'o2' })).toMatchObject({ ok: false, error: { code: 'link_to_self' } });
    expect(d.run('ticket:unlink', { id: 'o2', otherId: 'gone' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('marks a problem, refuses an incident or a duplicate, and unmarks only a problem without incidents', () => {
    const d = desk(p(), incident('i1'), incident('d2'), incident('o3'));
    expect(written(d.run('ticket:markProblem', { id: 'p', isProblem: false }))).toEqual([]);
    const writes = written(d.run('ticket:markProblem', { id: 'p', isProblem: true }));
    expect(writes.map((w) => (w.entity === 'event' ? w.data.type : w.entity))).toEqual(['ticket', 'problem_marked']);
    written(d.run('ticket:link', { id: 'i1', otherId: 'p', kind: 'problem' }));
    written(d.run('ticket:link', { id: 'd2', otherId: 'o3', kind: 'duplicate' }));
    expect(d.run('ticket:markProblem', { id: 'i1', isProblem: true })).toMatchObject({ ok: false, error: { code: 'incident_cannot_be_problem' } });
    expect(d.run('ticket:markProblem', { id: 'd2', isProblem: true })).toMatchObject({ ok: false, error: { code: 'duplicate_cannot_be_problem' } });
    expect(d.run('ticket:markProblem', { id: 'p', isProblem: false })).toMatchObject({ ok: false, error: { code: 'problem_has_incidents' } });
    written(d.run('ticket:unlink', { id: 'i1', otherId: 'p' }));
    written(d.run('ticket:markProblem', { id: 'p', isProblem: false }));
    expect(d.ticket('p').isProblem).toBe(false);
  });
});
