import { describe, expect, it } from 'vitest';
import { randomUuid } from '../../shared/platform';
import type { TicketEvent } from '../../shared/domain/records';
import type { Ticket } from '../../shared/domain/ticket';
import type { Change, PullResponse } from '../../shared/sync/protocol';
import { makeTicket } from '../../tests/support/factories';
import { openMejaDb } from '../db/database';
import type { PulledPage } from '../sync/pulledPages';
import { readEscalatedByMe } from './escalatedByMe';
import { watchFollowedResolutions, type FollowNotice } from './followedResolutions';

const ME = 'u-tina';
const SAM = 'u-sam';
const at = '2026-03-02T10:00:00.000Z';

const event = (ticket: Ticket, id: string, actorId: string, payload: Pick<TicketEvent, 'type' | 'data'>): TicketEvent =>
  ({ id, ticketId: ticket.id, actorId, at, ...payload }) as TicketEvent;
const escalation = (ticket: Ticket, actorId: string) =>
  event(ticket, `${ticket.id}:esc`, actorId, { type: 'escalated', data: { fromTier: 1, toTier: 2, reason: 'Needs admin rights' } });
const resolution = (ticket: Ticket, actorId: string) =>
  event(ticket, `${ticket.id}:res:${actorId}`, actorId, {
    type: 'status_changed',
    data: { from: 'open', to: 'resolved', resolution: 'Fixed', isReopen: false },
  });
const pageOf = (events: TicketEvent[]): PullResponse => ({
  protocol: 1,
  cursor: 'c',
  hasMore: false,
  changes: events.map((data): Change => ({ entity: 'event', id: data.id, op: 'put', data })),
});

/** A feed the test publishes pages into, as the workspace does once a page is in the cache. */
const feed = () => {
  const listeners = new Set<(pulled: PulledPage) => void>();
  return {
    pulled: { subscribe: (listener: (pulled: PulledPage) => void) => (listeners.add(listener), () => listeners.delete(listener)) },
    publish: (pulled: PulledPage) => listeners.forEach((listener) => listener(pulled)),
  };
};

describe('followed tickets resolved, in the console', () => {
  it('tells me once when someone else resolves a ticket I created or escalated, from the cache, not of other tickets or from scratch', async () => {
    const db = openMejaDb(`meja-follow-${randomUuid()}`);
    const created = makeTicket({ code: 'AAAA-AAAA', createdBy: ME, status: 'resolved', assigneeId: SAM });
    const escalated = makeTicket({ code: 'BBBB-BBBB', createdBy: SAM, status: 'resolved', assigneeId: SAM, tier: 2 });
    const unrelated = makeTicket({ code: 'CCCC-CCCC', createdBy: SAM, status: 'resolved' });
    const byMe = makeTicket({ code: 'DDDD-DDDD', createdBy: ME, status: 'resolved' });
    // Escalated in an earlier session: only the cache knows.
    await db.tickets.bulkPut([created, escalated, unrelated, byMe]);
    await db.events.bulkPut([escalation(escalated, ME), escalation(unrelated, SAM)]);
    expect(await readEscalatedByMe(db, ME)).toEqual(new Set([escalated.id]));

    const { pulled, publish } = feed();
    const told: FollowNotice[] = [];
    const stop = watchFollowedResolutions(db, pulled, ME, (notice) => told.push(notice));
    publish({ page: pageOf([resolution(unrelated, SAM)]), fromScratch: true });
    const page = pageOf([resolution(created, SAM), resolution(escalated, SAM), resolution(unrelated, SAM), resolution(byMe, ME)]);
    publish({ page, fromScratch: false });
    publish({ page, fromScratch: false });
    await expect.poll(() => told.length).toBe(2);
    expect(told).toEqual([
      { eventId: `${created.id}:res:${SAM}`, ticketId: created.id, code: 'AAAA-AAAA', title: created.title, resolvedBy: SAM },
      { eventId: `${escalated.id}:res:${SAM}`, ticketId: escalated.id, code: 'BBBB-BBBB', title: escalated.title, resolvedBy: SAM },
    ]);
    stop();
    publish({ page: pageOf([resolution(created, 'u-rita')]), fromScratch: false });
    await db.tickets.count();
    expect(told).toHaveLength(2);
    db.close();
  });
});
