import { describe, expect, it } from 'vitest';
import { makeTicket } from '../../tests/support/factories';
import { callerServerQuery, mergeCallerHistory, serverOnlyTickets } from './serverOnly';

const nobodyHeld = () => false;

describe('serverOnlyTickets', () => {
  it('keeps the server’s order across pages and leaves out what the console holds', () => {
    const [a, b, c, d] = [9, 8, 7, 6].map((number) => makeTicket({ number }));
    if (a === undefined || b === undefined || c === undefined || d === undefined) throw new Error('four tickets');
    const held = new Set([b.id]);
    expect(
      serverOnlyTickets(
        [
          [a, b],
          [c, d],
        ],
        (id) => held.has(id),
      ).map((ticket) => ticket.number),
    ).toEqual([9, 7, 6]);
  });

  it('shows a ticket that two pages both carry once, where it came first', () => {
    const a = makeTicket({ number: 9 });
    const b = makeTicket({ number: 8 });
    expect(serverOnlyTickets([[a, b], [b]], nobodyHeld)).toEqual([a, b]);
    expect(serverOnlyTickets([], nobodyHeld)).toEqual([]);
  });
});

describe('callerServerQuery', () => {
  it('asks the server by the caller’s name, normalised, and not by a contact alone', () => {
    expect(callerServerQuery({ name: '  GRETA Vogel ', contact: '' })).toBe('greta vogel');
    expect(callerServerQuery({ name: 'Greta Vogel', contact: 'ext. 1990' })).toBe('greta vogel');
    expect(callerServerQuery({ name: ' ', contact: 'ext. 1990' })).toBeNull();
    expect(callerServerQuery({ name: '', contact: '' })).toBeNull();
  });
});

describe('mergeCallerHistory', () => {
  const greta = { name: 'Greta Vogel', contact: 'ext. 1990' };
  const query = { name: 'greta vogel', contact: '' };

  it('adds the caller’s tickets only the server has, newest first, and marks them', () => {
    const local = makeTicket({ requester: greta, createdAt: '2026-03-01T09:00:00.000Z' });
    const older = makeTicket({ requester: greta, createdAt: '2025-01-01T09:00:00.000Z' });
    const newer = makeTicket({ requester: greta, createdAt: '2026-04-01T09:00:00.000Z' });
    const merged = mergeCallerHistory([local], [newer, older], query);
    expect(merged.tickets.map((ticket) => ticket.id)).toEqual([newer.id, local.id, older.id]);
    expect([...merged.serverOnly].sort()).toEqual([newer.id, older.id].sort());
  });

  it('shows a ticket the cache holds from the cache, even when the server’s copy differs', () => {
    const cached = makeTicket({ requester: greta, title: 'Edited here, not sent yet' });
    const onServer = { ...cached, title: 'The server’s older title' };
    const merged = mergeCallerHistory([cached], [onServer], query);
    expect(merged.tickets).toHaveLength(1);
    expect(merged.tickets[0]?.title).toBe('Edited here, not sent yet');
    expect(merged.serverOnly.size).toBe(0);
  });

  it('leaves out tickets of others that the server’s words found', () => {
    // The server's search matches words anywhere: a title naming Greta is not her ticket.
    const aboutGreta = makeTicket({ requester: { name: 'Hans Meier', contact: null }, title: 'Greta Vogel cannot print' });
    const merged = mergeCallerHistory([], [aboutGreta], query);
    expect(merged.tickets).toEqual([]);
    expect(merged.serverOnly.size).toBe(0);
  });

  it('never shows a ticket the cache holds beyond its listed ones: they fill the limit and are newer', () => {
    const listed = [3, 2].map((day) => makeTicket({ requester: greta, createdAt: `2026-01-0${day}T09:00:00.000Z` }));
    const heldOlder = makeTicket({ requester: greta, createdAt: '2026-01-01T09:00:00.000Z' });
    const merged = mergeCallerHistory(listed, [heldOlder, ...listed], query, 2);
    expect(merged.tickets.map((ticket) => ticket.id)).toEqual(listed.map((ticket) => ticket.id));
    expect(merged.serverOnly.size).toBe(0);
  });

  it('keeps at most the limit, and only marks what is shown', () => {
    const server = [1, 2, 3].map((day) => makeTicket({ requester: greta, createdAt: `2026-01-0${day}T09:00:00.000Z` }));
    const merged = mergeCallerHistory([], server, query, 2);
    expect(merged.tickets.map((ticket) => ticket.createdAt)).toEqual(['2026-01-03T09:00:00.000Z', '2026-01-02T09:00:00.000Z']);
    expect(merged.serverOnly.size).toBe(2);
    expect(mergeCallerHistory([], server, { name: '', contact: '' }).tickets).toEqual([]);
  });
});
