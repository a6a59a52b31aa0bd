import { describe, expect, it } from 'vitest';
import { makeTicket, makeUser } from '../../tests/support/factories';
import { createHeldRecordBook } from './heldRecords';

const written = (tickets: ReturnType<typeof makeTicket>[]) => ({
  kind: 'some' as const,
  written: new Map(tickets.map((ticket) => [ticket.id, ticket])),
  timelines: new Set<string>(),
});

describe('createHeldRecordBook', () => {
  it('holds what screens read and follows commits of those tickets only', () => {
    const book = createHeldRecordBook();
    const read = makeTicket({ title: 'Printer jams' });
    const other = makeTicket();
    book.remember(read);
    book.committed(written([{ ...read, title: 'VPN drops' }, other]));
    expect(book.held('ticket', read.id)?.title).toBe('VPN drops');
    expect(book.held('ticket', other.id)).toBeUndefined();
    book.committed({ kind: 'all' });
    expect(book.held('ticket', read.id)).toBeUndefined();
  });

  it('holds the staff list as last set, and nothing of other entities', () => {
    const book = createHeldRecordBook();
    const tina = makeUser({ id: 'tina' });
    book.setUsers([tina]);
    expect(book.held('user', 'tina')).toEqual(tina);
    book.setUsers([]);
    expect(book.held('user', 'tina')).toBeUndefined();
    expect(book.held('note', 'tina')).toBeUndefined();
  });

  it('shows changes in layers, newest on top, and settles each back to what is left under it', () => {
    const book = createHeldRecordBook();
    const ticket = makeTicket({ title: 'stored' });
    book.remember(ticket);
    book.show('m1', [{ ...ticket, title: 'first' }]);
    book.show('m2', [{ ...ticket, title: 'second' }]);
    expect(book.held('ticket', ticket.id)?.title).toBe('second');
    // The newer change fails first: back to the older one still shown.
    expect(book.settle('m2').get(ticket.id)?.title).toBe('first');
    book.committed(written([{ ...ticket, title: 'first' }]));
    expect(book.settle('m1').get(ticket.id)?.title).toBe('first');
    expect(book.settle('unknown').size).toBe(0);
  });

  it('forgets the least recently read tickets past its limit, but never one a shown change stands on', () => {
    const book = createHeldRecordBook(2);
    const [a, b, c] = [makeTicket({ title: 'a' }), makeTicket({ title: 'b' }), makeTicket({ title: 'c' })];
    book.remember(a);
    book.remember(b);
    book.show('m1', [{ ...a, title: 'a shown' }]);
    book.remember(c);
    expect(book.held('ticket', b.id)).toBeUndefined();
    expect(book.settle('m1').get(a.id)?.title).toBe('a');
    book.remember(b);
    expect(book.held('ticket', a.id)).toBeUndefined();
    expect(book.held('ticket', c.id)?.title).toBe('c');
  });
});
