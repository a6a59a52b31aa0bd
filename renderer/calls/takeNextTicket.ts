import type { PublicUser } from '../../shared/domain/records';
import type { Tier } from '../../shared/domain/ticket';
import type { Workspace } from '../sync/workspace';
import { pickNextTicket, TAKEABLE_STATUSES } from './nextTicket';

export type TakeNextOutcome = { kind: 'taken'; ticketId: string } | { kind: 'none'; tier: Tier } | { kind: 'refused'; message: string };

/** Syncs can assign a ticket between the look-up and the change; after this many, give up. */
const ATTEMPTS = 3;

/**
 * The oldest unassigned ticket at `tier` in the cache. Reads the status index for the tickets still
 * waiting (a small share of a large history: resolved and closed ones are never read), then picks
 * among them in memory.
 */
export const findNextTicket = async (db: Workspace['db'], tier: Tier): Promise<string | null> => {
  const waiting = await db.tickets
    .where('status')
    .anyOf(TAKEABLE_STATUSES)
    .filter((ticket) => ticket.tier === tier && ticket.assigneeId === null)
    .toArray();
  return pickNextTicket(waiting, tier)?.id ?? null;
};

/**
 * "Take next": assigns the user the ticket that has waited longest at their tier, only if nobody
 * has taken it meanwhile. A ticket taken by a sync in between is passed over for the next one; a
 * ticket taken on the server before our change arrives comes back as a rejected change.
 */
export const takeNextTicket = async (workspace: Pick<Workspace, 'db' | 'run'>, user: PublicUser): Promise<TakeNextOutcome> => {
  if (user.tier === null) return { kind: 'refused', message: 'Only technicians take tickets from a tier.' };
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const id = await findNextTicket(workspace.db, user.tier);
    if (id === null) return { kind: 'none', tier: user.tier };
    const result = await workspace.run('ticket:assign', { id, assigneeId: user.id, ifUnassigned: true });
    if (result.ok) return { kind: 'taken', ticketId: id };
    if (result.error.code !== 'conflict') return { kind: 'refused', message: result.error.message };
  }
  return { kind: 'none', tier: user.tier };
};
