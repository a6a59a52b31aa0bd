import { Dexie } from 'dexie';
import { hasEscalated, isFollower, resolutionsByOthers } from '../../shared/domain/following';
import type { MejaDb } from '../db/database';
import { createLogger } from '../logger';
import type { PulledPageFeed } from '../sync/pulledPages';

const log = createLogger('following');

/** Someone else resolved a ticket I follow: what the console tells me. */
export type FollowNotice = { eventId: string; ticketId: string; code: string; title: string; resolvedBy: string };

/**
 * Tells `onNotice` of each resolution someone else made of a ticket `meId` follows, as the pages
 * bringing them reach the cache (never during a first sync, which brings old news). Whether I
 * follow it is read from the cache once the page is in: the ticket's record and its timeline,
 * wherever in the feed they came, so it also holds for what I escalated before this session.
 * Each resolution is told once. Returns the unsubscribe function.
 */
export const watchFollowedResolutions = (db: MejaDb, pulled: PulledPageFeed, meId: string, onNotice: (notice: FollowNotice) => void): (() => void) => {
  const told = new Set<string>();
  let isStopped = false;
  const unsubscribe = pulled.subscribe(({ page, fromScratch }) => {
    if (fromScratch) return;
    const resolutions = resolutionsByOthers(page.changes, meId).filter((resolution) => !told.has(resolution.eventId));
    for (const { eventId } of resolutions) told.add(eventId);
    if (resolutions.length === 0) return;
    void (async () => {
      for (const { eventId, ticketId, actorId } of resolutions) {
        const ticket = await db.tickets.get(ticketId);
        if (ticket === undefined) continue;
        const events = await db.events.where('[ticketId+at]').between([ticketId, Dexie.minKey], [ticketId, Dexie.maxKey]).toArray();
        if (!isStopped && isFollower(meId, ticket, hasEscalated(meId, events)))
          onNotice({ eventId, ticketId, code: ticket.code, title: ticket.title, resolvedBy: actorId });
      }
    })().catch((error: unknown) => log.warn('could not read a resolved ticket from the cache', error));
  });
  return () => {
    isStopped = true;
    unsubscribe();
  };
};
