import { beforeAll, describe, expect, it } from 'vitest';
import type { TicketEvent } from '../../shared/domain/records';
import type { RejectedChange } from '../../shared/sync/localStore';
import { makeTicket, makeUser } from '../../tests/support/factories';
import { rejectedBanner, retryArgs, type RejectedContext } from './rejectedBanner';
import { ticketT } from './ticketTestT';

const tina = makeUser({ id: 'user-tina', displayName: 'Tina Tier-One' });
const sam = makeUser({ id: 'user-sam', username: 'sam', displayName: 'Sam Second', tier: 2 });
const users = new Map([tina, sam].map((user) => [user.id, user]));
const ticket = makeTicket({ id: 't1', status: 'resolved', assigneeId: sam.id, priority: 'high', title: 'Printer jams' });
const resolvedBySam: TicketEvent = {
  id: 'r:0',
  ticketId: 't1',
  actorId: sam.id,
  at: '2026-03-02T10:00:00.000Z',
  type: 'status_changed',
  data: { from: 'open', to: 'resolved', resolution: 'Fixed', isReopen: false },
};

const change = (name: RejectedChange['name'], args: unknown, error: RejectedChange['error']): RejectedChange => ({
  id: 'rej-1',
  name,
  args,
  at: '2026-03-02T09:30:00.000Z',
  error,
  rejectedAt: '2026-03-02T10:05:00.000Z',
});

let en: RejectedContext;
let id: RejectedContext;
beforeAll(async () => {
  en = { t: await ticketT('en'), locale: 'en', users, events: [resolvedBySam] };
  id = { t: await ticketT('id'), locale: 'id', users, events: [resolvedBySam] };
});

describe('rejectedBanner', () => {
  const transition = change(
    'ticket:transition',
    { id: 't1', from: 'open', to: 'pending' },
    {
      code: 'conflict',
      message: 'The ticket is resolved now, not open.',
      current: ticket,
    },
  );

  it('says what was refused, why, and who made the server status', () => {
    expect(rejectedBanner(transition, en)).toMatchObject({
      id: 'rej-1',
      what: 'Your status change to Pending was refused.',
      reason: 'The ticket is resolved now, not open.',
      serverHas: 'The server has: Resolved by Sam Second',
    });
  });

  it('says it in Indonesian', () => {
    expect(rejectedBanner(transition, id)).toMatchObject({
      what: 'Perubahan status Anda menjadi Ditunda ditolak.',
      reason: 'Status tiket sekarang selesai, bukan dikerjakan.',
      serverHas: 'Data di server: Selesai oleh Sam Second',
    });
  });

  it('shows the fields an edit touched, and the tier for an escalation', () => {
    const edit = change(
      'ticket:update',
      { id: 't1', title: 'Printer on fire', priority: 'urgent' },
      { code: 'conflict', message: 'Edited meanwhile.', current: ticket },
    );
    expect(rejectedBanner(edit, en)).toMatchObject({
      what: 'Your edit of title and priority was refused.',
      reason: 'Edited meanwhile.',
      serverHas: 'The server has: title: Printer jams and priority: High',
    });
    const escalate = change(
      'ticket:escalate',
      { id: 't1', toTier: 2, reason: 'Needs admin' },
      {
        code: 'invalid_escalation',
        message: 'A resolved ticket cannot be escalated; reopen it first.',
        current: ticket,
      },
    );
    expect(rejectedBanner(escalate, en)).toMatchObject({
      what: 'Escalating to tier 2 was refused.',
      reason: 'A resolved ticket cannot be escalated; reopen it first.',
      serverHas: 'The server has: Resolved by Sam Second and tier 1',
    });
  });

  it('names the assignee on the server for an assignment', () => {
    const assign = change(
      'ticket:assign',
      { id: 't1', assigneeId: tina.id, ifUnassigned: true },
      { code: 'conflict', message: 'Someone else took this ticket first.', current: ticket },
    );
    expect(rejectedBanner(assign, en)).toMatchObject({
      what: 'Assigning the ticket to Tina Tier-One was refused.',
      reason: 'Someone else took this ticket first.',
      serverHas: 'The server has: assigned to Sam Second',
    });
  });

  it('keeps the server message and leaves out the server value when there is none', () => {
    const note = change('note:add', { id: 'n1', ticketId: 't1', body: 'x', visibility: 'public' }, { code: 'forbidden', message: 'Not allowed here.' });
    expect(rejectedBanner(note, en)).toMatchObject({ what: 'Your note was refused.', reason: 'Not allowed here.', serverHas: null });
    const garbled = change('ticket:transition', { nonsense: true }, { code: 'invalid_args', message: 'Invalid ticket:transition: id: Required' });
    expect(rejectedBanner(garbled, en)).toMatchObject({ what: 'A change to this ticket was refused.', reason: 'Invalid ticket:transition: id: Required' });
  });
});

describe('retryArgs', () => {
  it('retries a status change from the status the ticket has now when the life cycle allows it', () => {
    const toOpen = change('ticket:transition', { id: 't1', from: 'new', to: 'open' }, { code: 'conflict', message: '' });
    expect(retryArgs(toOpen, { status: 'pending' })).toEqual({ id: 't1', from: 'pending', to: 'open' });
    expect(retryArgs(toOpen, { status: 'open' })).toBeUndefined();
    const toPending = change('ticket:transition', { id: 't1', from: 'open', to: 'pending' }, { code: 'conflict', message: '' });
    expect(retryArgs(toPending, { status: 'resolved' })).toBeUndefined();
  });

  it('sends other changes as they were', () => {
    const escalate = change('ticket:escalate', { id: 't1', toTier: 2, reason: 'x' }, { code: 'invalid_escalation', message: '' });
    expect(retryArgs(escalate, { status: 'open' })).toBeUndefined();
  });
});
