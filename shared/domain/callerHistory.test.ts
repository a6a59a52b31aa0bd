import { describe, expect, it } from 'vitest';
import { makeTicket } from '../../tests/support/factories';
import { requesterKey } from '../stats/requester';
import { callerHistory, callerLinkKinds, callerTerms, isCallersTicket } from './callerHistory';

const greta = { name: 'Greta Vogel', contact: 'ext. 1990' };

describe('callerTerms', () => {
  it('normalises each part as the statistics do, and drops blank parts', () => {
    expect(callerTerms({ name: '  GRETA Vogel ', contact: '' })).toEqual({ name: 'greta vogel', contact: null });
    expect(callerTerms({ name: '', contact: ' EXT. 1990' })).toEqual({ name: null, contact: 'ext. 1990' });
    expect(callerTerms({ name: '   ', contact: '\t' })).toBeNull();
  });
});

describe('isCallersTicket', () => {
  it('matches on the name or on the contact, by the rule that makes two tickets the same requester', () => {
    const ticket = makeTicket({ requester: greta });
    const sameRequester = (name: string, contact: string) => requesterKey({ requester: { name, contact } }) === requesterKey(ticket);
    // Whatever the statistics call the same requester, the call form finds.
    for (const [name, contact] of [
      ['greta vogel', 'EXT. 1990'],
      [' Greta Vogel ', ' ext. 1990 '],
    ] as const) {
      expect(sameRequester(name, contact)).toBe(true);
      expect(isCallersTicket(ticket, { name: callerTerms({ name, contact })?.name ?? null, contact: null })).toBe(true);
      expect(isCallersTicket(ticket, { name: null, contact: callerTerms({ name, contact })?.contact ?? null })).toBe(true);
    }
    expect(isCallersTicket(ticket, { name: 'greta', contact: null })).toBe(false);
    expect(isCallersTicket(ticket, { name: 'greta vogel', contact: 'ext. 9999' })).toBe(true);
    expect(isCallersTicket(ticket, { name: 'someone else', contact: 'ext. 1990' })).toBe(true);
    expect(isCallersTicket(ticket, { name: 'someone else', contact: 'ext. 9999' })).toBe(false);
  });

  it('folds A to Z only, as SQLite lower() does for the statistics', () => {
    const ticket = makeTicket({ requester: { name: 'Élise Durand', contact: null } });
    const terms = (name: string) => callerTerms({ name, contact: '' }) ?? { name: null, contact: null };
    expect(isCallersTicket(ticket, terms('ÉLISE DURAND'))).toBe(true);
    expect(isCallersTicket(ticket, terms('élise durand'))).toBe(false);
  });

  it('never matches a missing contact against a typed one', () => {
    expect(isCallersTicket(makeTicket({ requester: { name: 'Ana', contact: null } }), { name: null, contact: 'ext. 1' })).toBe(false);
  });
});

describe('callerHistory', () => {
  const tickets = [
    makeTicket({ id: 'a', number: 12, requester: greta, createdAt: '2026-03-01T09:00:00.000Z' }),
    makeTicket({ id: 'b', number: 44, requester: { name: 'GRETA VOGEL', contact: null }, createdAt: '2026-03-20T09:00:00.000Z' }),
    makeTicket({ id: 'c', number: 28, requester: { name: 'G. Vogel', contact: 'ext. 1990' }, createdAt: '2026-03-10T09:00:00.000Z' }),
    makeTicket({ id: 'd', number: 30, requester: { name: 'Jonas Berg', contact: 'ext. 2000' }, createdAt: '2026-03-15T09:00:00.000Z' }),
    makeTicket({ id: 'e', number: null, requester: greta, createdAt: '2026-03-20T09:00:00.000Z' }),
  ];

  it('lists the caller’s tickets newest first, a ticket not yet numbered before a numbered one of the same moment', () => {
    expect(callerHistory(tickets, greta).map((t) => t.id)).toEqual(['e', 'b', 'c', 'a']);
    expect(callerHistory(tickets, { name: 'greta vogel', contact: '' }).map((t) => t.id)).toEqual(['e', 'b', 'a']);
    expect(callerHistory(tickets, { name: '', contact: 'ext. 1990' }).map((t) => t.id)).toEqual(['e', 'c', 'a']);
  });

  it('keeps what the form shows: code, number, title, status, creation and requester', () => {
    const ticket = makeTicket({ id: 'a', number: 12, requester: greta, createdAt: '2026-03-01T09:00:00.000Z' });
    expect(callerHistory([ticket], greta)).toEqual([
      { id: 'a', number: 12, code: ticket.code, title: ticket.title, status: 'new', createdAt: '2026-03-01T09:00:00.000Z', requester: greta },
    ]);
  });

  it('counts a ticket found twice once, and stops at the limit', () => {
    expect(callerHistory([...tickets, ...tickets], greta).map((t) => t.id)).toEqual(['e', 'b', 'c', 'a']);
    expect(callerHistory(tickets, greta, 2).map((t) => t.id)).toEqual(['e', 'b']);
  });

  it('lists nothing before anything is typed', () => {
    expect(callerHistory(tickets, { name: ' ', contact: '' })).toEqual([]);
  });
});

describe('callerLinkKinds', () => {
  it('offers the same problem (a duplicate) only for an open ticket that is not a duplicate itself, and related always', () => {
    expect(callerLinkKinds({ status: 'open' })).toEqual(['duplicate', 'related']);
    expect(callerLinkKinds({ status: 'new', links: [{ otherId: 'x', kind: 'related' }] })).toEqual(['duplicate', 'related']);
    expect(callerLinkKinds({ status: 'pending', links: [{ otherId: 'x', kind: 'duplicate' }] })).toEqual(['duplicate', 'related']);
    expect(callerLinkKinds({ status: 'resolved' })).toEqual(['related']);
    expect(callerLinkKinds({ status: 'closed' })).toEqual(['related']);
    expect(callerLinkKinds({ status: 'open', links: [{ otherId: 'x', kind: 'original' }] })).toEqual(['related']);
  });

  it('keeps the links callerHistory was given, which the choice reads', () => {
    const duplicate = makeTicket({ requester: greta, status: 'open', links: [{ otherId: 'x', kind: 'original' }] });
    const [found] = callerHistory([duplicate], greta);
    expect(found?.links).toEqual([{ otherId: 'x', kind: 'original' }]);
    expect(found === undefined ? [] : callerLinkKinds(found)).toEqual(['related']);
  });
});
