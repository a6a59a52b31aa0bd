import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeCreateArgs, makeTicket } from '../../tests/support/factories';
import { CALLER_ACTOR_ID } from '../domain/callerWord';
import { applyMutation, parseMutation } from '../domain/mutate';
import type { MutationName } from '../domain/mutationArgs';
import type { Write } from '../domain/mutatorKit';
import type { Ticket } from '../domain/ticket';
import { mailsOfChange } from './outboundMail';

/** The records the real rule writes for this change, against these tickets. */
const writesOf = (name: MutationName, args: unknown, tickets: readonly Ticket[], actorId = 'user-tech'): Write[] => {
  const parsed = parseMutation(name, args);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const byId = new Map(tickets.map((ticket) => [ticket.id, ticket]));
  const users = new Map([[actorId, { id: actorId, username: 't', displayName: 'Tina', role: 'technician', tier: 1, active: true }]]);
  const read = ((entity: string, id: string) => (entity === 'ticket' ? byId.get(id) : entity === 'user' ? users.get(id) : undefined)) as Parameters<
    typeof applyMutation
  >[1];
  const result = applyMutation(parsed.value, read, { mutationId: randomUUID(), actorId, now: '2026-03-02T10:00:00.000Z' });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

const summary = (writes: readonly Write[], tickets: readonly Ticket[] = []) =>
  mailsOfChange(writes, (id) => tickets.find((ticket) => ticket.id === id)).map((mail) => [mail.kind, mail.to, mail.body]);

describe('mails a change owes its caller', () => {
  it('the code when a ticket is created with an e-mail contact, nothing for a phone number', () => {
    const args = makeCreateArgs({ requester: { name: 'Ana', contact: ' ana@example.org ' } });
    expect(summary(writesOf('ticket:create', args, []))).toEqual([['code', 'ana@example.org', '']]);
    expect(summary(writesOf('ticket:create', makeCreateArgs({ requester: { name: 'Ana', contact: '+62 21 555 0100' } }), []))).toEqual([]);
  });

  it('a public note, not an internal one nor the caller’s own words', () => {
    const ticket = makeTicket({ status: 'open', requester: { name: 'Ana', contact: 'ana@example.org' } });
    const note = (visibility: 'public' | 'internal', actorId?: string) =>
      writesOf('note:add', { id: randomUUID(), ticketId: ticket.id, body: 'Restart it.', visibility }, [ticket], actorId);
    expect(summary(note('public'), [ticket])).toEqual([['note', 'ana@example.org', 'Restart it.']]);
    expect(summary(note('internal'), [ticket])).toEqual([]);
    const callers = note('public').map((write) => (write.entity === 'note' ? { ...write, data: { ...write.data, authorId: CALLER_ACTOR_ID } } : write));
    expect(summary(callers, [ticket])).toEqual([]);
  });

  it('the resolution with its text; an edit mails nothing', () => {
    const ticket = makeTicket({ status: 'open', assigneeId: 'user-tech', requester: { name: 'Ana', contact: 'ana@example.org' } });
    const resolved = writesOf('ticket:transition', { id: ticket.id, from: 'open', to: 'resolved', resolution: 'New toner.' }, [ticket]);
    expect(summary(resolved, [ticket])).toEqual([['resolution', 'ana@example.org', 'New toner.']]);
    expect(summary(writesOf('ticket:update', { id: ticket.id, title: 'Toner' }, [ticket]), [ticket])).toEqual([]);
  });
});
