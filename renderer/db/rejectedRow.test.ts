import { describe, expect, it } from 'vitest';
import type { RejectedChange } from '../../shared/sync/localStore';
import { rejectedTicketId, toRejectedRow } from './rejectedRow';

const change = (id: string, name: RejectedChange['name'], args: unknown): RejectedChange => ({
  id,
  name,
  args,
  at: '2026-03-02T09:30:00.000Z',
  error: { code: 'conflict', message: 'Refused.' },
  rejectedAt: '2026-03-02T10:05:00.000Z',
});

const transition = change('r1', 'ticket:transition', { id: 't1', from: 'open', to: 'pending' });
const note = change('r2', 'note:add', { id: 'n1', ticketId: 't2', body: 'Rebooted', visibility: 'internal' });

describe('rejectedTicketId', () => {
  it('reads the ticket from id for ticket changes and from ticketId otherwise', () => {
    expect([transition, note].map(rejectedTicketId)).toEqual(['t1', 't2']);
    expect(rejectedTicketId({ ...note, args: null })).toBeNull();
  });

  it('reads a linked article’s ticket from ticketId, and finds no ticket in an article’s own changes', () => {
    expect(rejectedTicketId(change('r3', 'ticket:linkArticle', { ticketId: 't3', articleId: 'a1' }))).toBe('t3');
    expect(rejectedTicketId(change('r4', 'article:update', { id: 'a1', baseVersion: 1, title: 'x' }))).toBeNull();
  });
});

describe('toRejectedRow', () => {
  it('stores the ticket a change is about, and no ticketId at all for a change about none', () => {
    expect(toRejectedRow(transition)).toEqual({ ...transition, ticketId: 't1' });
    expect(toRejectedRow(note).ticketId).toBe('t2');
    expect(Object.keys(toRejectedRow({ ...note, args: { id: 'n1' } }))).not.toContain('ticketId');
  });
});
