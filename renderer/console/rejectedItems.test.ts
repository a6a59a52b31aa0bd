import { beforeAll, describe, expect, it } from 'vitest';
import type { TicketEvent } from '../../shared/domain/records';
import type { RejectedChange } from '../../shared/sync/localStore';
import { makeTicket, makeUser } from '../../tests/support/factories';
import { ticketT } from '../tickets/ticketTestT';
import type { TicketT } from '../tickets/ticketLabels';
import { rejectedItems, type RejectedItemsContext } from './rejectedItems';

const sam = makeUser({ id: 'user-sam', username: 'sam', displayName: 'Sam Second', tier: 2 });
const printer = makeTicket({ id: 't1', code: 'ABCD-2345', title: 'Printer jams', status: 'resolved' });
const vpn = makeTicket({ id: 't2', code: 'WXYZ-6789', title: 'VPN drops', status: 'open' });
const resolvedBySam: TicketEvent = {
  id: 'e1',
  ticketId: 't1',
  actorId: sam.id,
  at: '2026-03-02T10:00:00.000Z',
  type: 'status_changed',
  data: { from: 'open', to: 'resolved', resolution: 'Fixed', isReopen: false },
};

const change = (id: string, name: RejectedChange['name'], args: unknown, error: RejectedChange['error']): RejectedChange => ({
  id,
  name,
  args,
  at: '2026-03-02T09:30:00.000Z',
  error,
  rejectedAt: '2026-03-02T10:05:00.000Z',
});

const transition = change(
  'r1',
  'ticket:transition',
  { id: 't1', from: 'open', to: 'pending' },
  { code: 'conflict', message: 'The ticket is resolved now, not open.', current: printer },
);
const note = change(
  'r2',
  'note:add',
  { id: 'n1', ticketId: 't2', body: 'Rebooted', visibility: 'internal' },
  { code: 'not_found', message: 'No such ticket.' },
);
const unknown = change('r3', 'note:add', { id: 'n2', ticketId: 'gone', body: 'Hello', visibility: 'internal' }, { code: 'forbidden', message: 'Not yours.' });

let t: TicketT;
let ctx: RejectedItemsContext;
beforeAll(async () => {
  t = await ticketT('en');
  ctx = { t, locale: 'en', users: new Map([[sam.id, sam]]), tickets: new Map([printer, vpn].map((ticket) => [ticket.id, ticket])), events: [resolvedBySam] };
});

describe('rejectedItems', () => {
  it('names the ticket, what was refused, the reason and the server value, in the order given', () => {
    const [first, second] = rejectedItems([transition, note], ctx);
    expect(first).toMatchObject({
      id: 'r1',
      ticket: { id: 't1', code: 'ABCD-2345', title: 'Printer jams' },
      what: 'Your status change to Pending was refused.',
      reason: 'The ticket is resolved now, not open.',
      serverHas: 'The server has: Resolved by Sam Second',
    });
    expect(second).toMatchObject({
      id: 'r2',
      ticket: { code: 'WXYZ-6789' },
      what: 'Your note was refused.',
      reason: 'The ticket no longer exists on the server.',
      serverHas: null,
    });
  });

  it('uses only the events of each change’s own ticket for who made the server status', () => {
    const elsewhere = { ...resolvedBySam, ticketId: 't2' };
    const [item] = rejectedItems([transition], { ...ctx, events: [elsewhere] });
    expect(item?.serverHas).toBe('The server has: Resolved');
  });

  it('keeps a change about a ticket this console does not have, with its reason', () => {
    expect(rejectedItems([unknown], ctx)[0]).toMatchObject({ id: 'r3', ticket: null, reason: 'Not yours.' });
  });
});
