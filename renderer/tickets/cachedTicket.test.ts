import { describe, expect, it } from 'vitest';
import { makeTicket } from '../../tests/support/factories';
import { shownTicket } from './cachedTicket';

describe('shownTicket', () => {
  const read = makeTicket({ id: 't1', title: 'Printer jams' });
  const written = { ...read, title: 'Printer jams on floor 2' };

  it('shows a committed write before the live query has read it back', () => {
    expect(shownTicket('t1', read, { ticketId: 't1', ticket: written, readBefore: read })).toBe(written);
    expect(shownTicket('t1', read, { ticketId: 't1', ticket: null, readBefore: read })).toBeNull();
  });

  it('shows what the live query read once it has read again', () => {
    const reread = { ...written };
    expect(shownTicket('t1', reread, { ticketId: 't1', ticket: written, readBefore: read })).toBe(reread);
  });

  it('ignores a write heard for another ticket, and shows the read without one', () => {
    expect(shownTicket('t2', read, { ticketId: 't1', ticket: written, readBefore: read })).toBe(read);
    expect(shownTicket('t1', undefined, null)).toBeUndefined();
  });
});
