import { describe, expect, it } from 'vitest';
import type { AnyEntity } from '../../shared/sync/protocol';
import { canonicalState, checkExactlyOnce, firstDifference } from '../../bench/load/checks';
import type { LedgerEntry } from '../../bench/load/ledger';
import { changeToVisibleMs, createRecorder } from '../../bench/load/recorder';
import { makeTicket } from '../support/factories';

/* The load test's own judgements: each must catch what it is there to catch. */

const ledgerOf = (entries: Array<[string, string, string]>) => new Map<string, LedgerEntry>(entries.map(([id, status, name]) => [id, { status, name }]));

const serverOf = (creates: string[], extraEvents: string[] = []) => {
  const state = new Map<string, AnyEntity>();
  creates.forEach((mutationId, i) => {
    const ticket = makeTicket({ id: `t${i}`, number: i + 1 });
    state.set(`ticket/${ticket.id}`, ticket);
    state.set(`event/${mutationId}:0`, {
      id: `${mutationId}:0`,
      ticketId: ticket.id,
      actorId: 'u',
      at: ticket.createdAt,
      type: 'created',
      data: { number: i + 1 },
    });
  });
  for (const id of extraEvents)
    state.set(`event/${id}`, { id, ticketId: 't0', actorId: 'u', at: '2026-01-01T00:00:00.000Z', type: 'created', data: { number: null } });
  return state;
};

describe('checkExactlyOnce', () => {
  it('passes a run where every queued change is on the server once, with the outcome its console was told', () => {
    const ledger = ledgerOf([
      ['m1', 'applied', 'ticket:create'],
      ['m2', 'applied', 'ticket:create'],
      ['m3', 'rejected', 'ticket:transition'],
    ]);
    const result = checkExactlyOnce([{ queued: ['m1', 'm2', 'm3'], rejected: new Set(['m3']) }], ledger, serverOf(['m1', 'm2']));
    expect(result).toEqual({ queued: 3, lost: [], misreported: [], countMismatches: [], numberGaps: 0 });
  });

  it('finds a lost change, a misreported refusal, a change applied twice and a gap in the numbers', () => {
    const ledger = ledgerOf([
      ['m1', 'applied', 'ticket:create'],
      ['m3', 'rejected', 'ticket:transition'],
    ]);
    const server = serverOf(['m1', 'mX']);
    const result = checkExactlyOnce([{ queued: ['m1', 'm2', 'm3'], rejected: new Set() }], ledger, server);
    expect(result.lost).toEqual(['m2']);
    expect(result.misreported).toEqual(['m3']);
    // Two tickets and two "created" events for one applied create; one event from a change never applied.
    expect(result.countMismatches).toEqual(['tickets: 2, expected 1', '"created" events: 2, expected 1', 'events of changes not applied: 1, expected 0']);
    const gapped = serverOf(['m1']);
    gapped.set('ticket/t0', makeTicket({ id: 't0', number: 2 }));
    expect(checkExactlyOnce([{ queued: ['m1'], rejected: new Set() }], ledgerOf([['m1', 'applied', 'ticket:create']]), gapped).numberGaps).toBe(1);
  });
});

describe('firstDifference', () => {
  it('ignores key order but not values, missing or extra records', () => {
    const ticket = makeTicket({ id: 't1' });
    const server = canonicalState(new Map<string, AnyEntity>([['ticket/t1', ticket]]));
    const reordered = Object.fromEntries(Object.entries(ticket).reverse()) as unknown as AnyEntity;
    expect(firstDifference(new Map([['ticket/t1', reordered]]), server)).toBeNull();
    expect(firstDifference(new Map([['ticket/t1', { ...ticket, title: 'Other' }]]), server)).toBe('ticket/t1 differs');
    expect(firstDifference(new Map(), server)).toBe('ticket/t1 is missing');
    expect(
      firstDifference(
        new Map([
          ['ticket/t1', ticket],
          ['ticket/t2', ticket],
        ]),
        server,
      ),
    ).toBe('ticket/t2 is not on the server');
  });
});

describe('changeToVisibleMs', () => {
  it('counts the first arrival at each other console that stayed online, and nothing else', () => {
    const recorder = createRecorder();
    recorder.titleSentAt.set('Load c1 #1', 1000);
    recorder.titleShown.push(
      { title: 'Load c1 #1', console: 'c2', at: 1100 },
      // The same ticket again with a later change: not a second sample.
      { title: 'Load c1 #1', console: 'c2', at: 9000 },
      // The author's own console.
      { title: 'Load c1 #1', console: 'c1', at: 1050 },
      // Offline across the edit: it sees it when back, which is not propagation delay.
      { title: 'Load c1 #1', console: 'c3', at: 5000 },
      { title: 'Load c1 #1', console: 'c4', at: 1250 },
    );
    recorder.outages.set('c3', [{ from: 900, to: 4900 }]);
    recorder.outages.set('c4', [{ from: 100, to: 500 }]);
    expect(changeToVisibleMs(recorder).sort((a, b) => a - b)).toEqual([100, 250]);
  });
});
