import { describe, expect, it } from 'vitest';
import type { TicketEvent } from '../../shared/domain/records';
import { makeTicket } from '../../tests/support/factories';
import { groupLinks, problemMarkOffer, referencedTicketIds, type LinkedTicket } from './ticketLinks';

const linked = (id: string, status: LinkedTicket['status']): [string, LinkedTicket] => [id, { id, code: `CODE-${id}`, number: null, title: id, status }];

describe('ticket links as the panel shows them', () => {
  it('groups by what the other ticket is, counts the open incidents and duplicates, and keeps the unsynced', () => {
    const problem = makeTicket({
      isProblem: true,
      links: [
        { otherId: 'i1', kind: 'incident' },
        { otherId: 'i2', kind: 'incident' },
        { otherId: 'i3', kind: 'incident' },
        { otherId: 'd1', kind: 'duplicate' },
        { otherId: 'r1', kind: 'related' },
      ],
    });
    const groups = groupLinks(problem, new Map([linked('i1', 'open'), linked('i2', 'resolved'), linked('d1', 'pending'), linked('r1', 'new')]));
    expect(groups.incidents.map((row) => [row.id, row.ticket?.status ?? null])).toEqual([
      ['i1', 'open'],
      ['i2', 'resolved'],
      ['i3', null],
    ]);
    expect(groups).toMatchObject({ openIncidents: 1, openDuplicates: 1, problem: null, original: null });
    expect(groups.related.map((row) => row.id)).toEqual(['r1']);
    const incident = makeTicket({
      links: [
        { otherId: 'p', kind: 'problem' },
        { otherId: 'o', kind: 'original' },
      ],
    });
    expect(groupLinks(incident, new Map())).toMatchObject({ problem: { id: 'p', ticket: null }, original: { id: 'o' } });
  });

  it('names the tickets its links and its history mention', () => {
    const ticket = makeTicket({ id: 't', links: [{ otherId: 'b', kind: 'related' }] });
    const event = (payload: Pick<TicketEvent, 'type' | 'data'>): TicketEvent =>
      ({ id: 'e', ticketId: 't', actorId: 'u', at: '2026-03-02T09:00:00.000Z', ...payload }) as TicketEvent;
    const events = [
      event({ type: 'unlinked', data: { otherId: 'a', kind: 'related' } }),
      event({ type: 'status_changed', data: { from: 'open', to: 'resolved', resolution: 'x', isReopen: false, via: 'c' } }),
      event({ type: 'linked', data: { otherId: 'b', kind: 'related' } }),
    ];
    expect(referencedTicketIds(ticket, events)).toEqual(['a', 'b', 'c']);
  });

  it('offers the problem mark only where the rules allow it', () => {
    expect(problemMarkOffer(makeTicket())).toBe('mark');
    expect(problemMarkOffer(makeTicket({ links: [{ otherId: 'p', kind: 'problem' }] }))).toBeNull();
    expect(problemMarkOffer(makeTicket({ links: [{ otherId: 'o', kind: 'original' }] }))).toBeNull();
    expect(problemMarkOffer(makeTicket({ isProblem: true }))).toBe('unmark');
    expect(problemMarkOffer(makeTicket({ isProblem: true, links: [{ otherId: 'i', kind: 'incident' }] }))).toBeNull();
  });
});
