import { describe, expect, it } from 'vitest';
import { makeTicket } from '../../tests/support/factories';
import { entityKey, type AnyEntity, type EntityMap, type EntityName } from '../sync/protocol';
import { attachmentsOf, noteAttachments } from './attachments';
import { applyMutation, parseMutation } from './mutate';
import type { StateReader } from './mutators';
import type { Note } from './records';
import { LIMITS, type Ticket } from './ticket';

const now = '2026-12-07T10:00:00.000Z';
const UPLOAD = 'att_AAAAAAAAAAAAAAAAAAAAAA';

const desk = (...records: Array<Ticket | Note>) => {
  const held = new Map<string, AnyEntity>(records.map((r) => [entityKey('title' in r ? 'ticket' : 'note', r.id), r]));
  const read: StateReader = <E extends EntityName>(entity: E, id: string) => held.get(entityKey(entity, id)) as EntityMap[E] | undefined;
  let count = 0;
  const run = (args: unknown) => {
    const parsed = parseMutation('attachment:add', args);
    if (!parsed.ok) return parsed;
    count += 1;
    const result = applyMutation(parsed.value, read, { mutationId: `m-${count}`, actorId: 'tech-1', now });
    if (result.ok) for (const write of result.value) if (write.data !== null) held.set(entityKey(write.entity, write.id), write.data);
    return result;
  };
  const ticket = (id: string): Ticket => read('ticket', id) ?? makeTicket();
  return { run, ticket, read };
};

const note = (id: string, ticketId: string): Note => ({ id, ticketId, authorId: 'tech-1', body: 'see screenshot', visibility: 'public', createdAt: now });

describe('attachment:add', () => {
  it('adds the file to the ticket with an event, the server facts left to the server', () => {
    const d = desk(makeTicket({ id: 't1' }));
    const result = d.run({ id: 'a1', attachmentId: UPLOAD, ticketId: 't1', name: ' error.png ' });
    expect(result.ok).toBe(true);
    expect(attachmentsOf(d.ticket('t1'))).toEqual([
      { id: 'a1', attachmentId: UPLOAD, name: 'error.png', noteId: null, addedBy: 'tech-1', addedAt: now, size: null, contentType: null },
    ]);
    expect(d.ticket('t1').updatedAt).toBe(now);
    expect(d.read('event', 'm-1:0')).toMatchObject({ type: 'attachment_added', data: { attachmentId: 'a1', name: 'error.png', noteId: null } });
  });

  it('attaches to a note of the ticket, and to no note of another', () => {
    const d = desk(makeTicket({ id: 't1' }), makeTicket({ id: 't2' }), note('n1', 't1'), note('n2', 't2'));
    expect(d.run({ id: 'a1', attachmentId: 'pending', ticketId: 't1', noteId: 'n1', name: 'shot.png' }).ok).toBe(true);
    expect(noteAttachments(d.ticket('t1'), 'n1').map((a) => a.id)).toEqual(['a1']);
    expect(d.run({ id: 'a2', attachmentId: UPLOAD, ticketId: 't1', noteId: 'n2', name: 'x.png' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(d.run({ id: 'a3', attachmentId: UPLOAD, ticketId: 't1', noteId: 'nope', name: 'x.png' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('writes nothing the second time, refuses moving an attachment to another note, and an unknown ticket', () => {
    const d = desk(makeTicket({ id: 't1' }), note('n1', 't1'));
    d.run({ id: 'a1', attachmentId: UPLOAD, ticketId: 't1', name: 'a.log' });
    expect(d.run({ id: 'a1', attachmentId: UPLOAD, ticketId: 't1', name: 'a.log' })).toEqual({ ok: true, value: [] });
    expect(d.run({ id: 'a1', attachmentId: UPLOAD, ticketId: 't1', noteId: 'n1', name: 'a.log' })).toMatchObject({
      ok: false,
      error: { code: 'already_attached' },
    });
    expect(d.run({ id: 'a9', attachmentId: UPLOAD, ticketId: 'nope', name: 'a.log' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('refuses more than a ticket may carry, and arguments that are not an upload or a name', () => {
    const full = Array.from({ length: LIMITS.attachments }, (_, i) => ({
      id: `a${i}`,
      attachmentId: UPLOAD,
      name: 'x',
      noteId: null,
      addedBy: 'tech-1',
      addedAt: now,
      size: 1,
      contentType: null,
    }));
    const d = desk(makeTicket({ id: 't1', attachments: full }));
    expect(d.run({ id: 'new', attachmentId: UPLOAD, ticketId: 't1', name: 'x' })).toMatchObject({ ok: false, error: { code: 'too_many_attachments' } });
    for (const bad of [
      { id: 'b', attachmentId: 'att_short', ticketId: 't1', name: 'x' },
      { id: 'b', attachmentId: UPLOAD, ticketId: 't1', name: '  ' },
      { id: 'b', attachmentId: UPLOAD, ticketId: 't1', name: 'x'.repeat(LIMITS.fileName + 1) },
    ])
      expect(d.run(bad)).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
  });
});
