import { describe, expect, it } from 'vitest';
import { makeTicket } from '../../tests/support/factories';
import { createCreditedBook } from './creditedResolvers';
import { toQueueEntry } from './queueEntry';

const resolved = toQueueEntry(makeTicket({ id: 't1', status: 'resolved', assigneeId: 'u-tina', resolvedAt: '2026-03-02T12:00:00.000Z' }));
const open = toQueueEntry(makeTicket({ id: 't2', status: 'open', assigneeId: 'u-tina' }));

describe('credited book', () => {
  it('knows nobody is credited with an open ticket, and asks for resolved ones', () => {
    const book = createCreditedBook();
    expect(book.creditedOf(open)).toBeNull();
    expect(book.creditedOf(resolved)).toBeUndefined();
    expect(book.unknown([open, resolved])).toEqual([resolved]);
  });
  it('keeps an answer for the entry it was read for only', () => {
    const book = createCreditedBook();
    book.record([{ entry: resolved, credited: 'u-sam' }], book.mark());
    expect(book.creditedOf(resolved)).toBe('u-sam');
    // The ticket changed: a new entry, whose answer is not known.
    const changed = toQueueEntry(makeTicket({ id: 't1', status: 'closed', assigneeId: 'u-tina', resolvedAt: '2026-03-02T12:00:00.000Z' }));
    expect(book.creditedOf(changed)).toBeUndefined();
  });
  it('drops answers read before the timeline of their ticket was written, and after a clear', () => {
    const book = createCreditedBook();
    const before = book.mark();
    book.forget(['t1']);
    book.record([{ entry: resolved, credited: 'u-sam' }], before);
    expect(book.creditedOf(resolved)).toBeUndefined();
    book.record([{ entry: resolved, credited: 'u-sam' }], book.mark());
    expect(book.creditedOf(resolved)).toBe('u-sam');
    book.forget(['t1']);
    expect(book.creditedOf(resolved)).toBeUndefined();
    const beforeClear = book.mark();
    book.clear();
    book.record([{ entry: resolved, credited: 'u-sam' }], beforeClear);
    expect(book.creditedOf(resolved)).toBeUndefined();
  });
  it('keeps an answer read while another ticket was written, and one read after a failed read', () => {
    const book = createCreditedBook();
    const first = book.mark();
    const second = book.mark();
    book.forget(['other']);
    book.record([], first);
    book.record([{ entry: resolved, credited: 'u-tina' }], second);
    expect(book.creditedOf(resolved)).toBe('u-tina');
    // With no read under way, a forget is only the answer dropped.
    book.forget(['t1']);
    book.record([{ entry: resolved, credited: 'u-rita' }], book.mark());
    expect(book.creditedOf(resolved)).toBe('u-rita');
  });
});
