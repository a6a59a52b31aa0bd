import { normalizeTicketCode } from '../../shared/domain/ticketCode';
import type { TicketWithTimeline } from '../../shared/tickets/api';
import type { MejaDb } from '../db/database';
import type { LookupResult } from '../onDemand/ticketsClient';

/**
 * What the page tells the technician after a deep link or a notification click it could not follow:
 * `ticketNotCached` when the cache lacks the ticket and the server cannot be asked (offline),
 * `ticketNotFound` when the server has no such ticket either, `ticketNotRead` when it refused.
 */
export type DesktopNotice =
  | { kind: 'ticketNotCached'; code: string }
  | { kind: 'ticketNotFound'; code: string }
  | { kind: 'ticketNotRead'; code: string; message: string }
  | { kind: 'badTicketLink'; code: string }
  | { kind: 'signInFirst' };

/** The signed-in console's way to find and open a ticket; null while signed out. */
export type TicketOpener = {
  findIdByCode(code: string): Promise<string | null>;
  /** Whether the server can be asked now (the console is not offline). */
  canAskServer(): boolean;
  /** Reads the ticket from the server (`GET /api/tickets/<code>`), which keeps the answer for its panel and syncs it in. */
  findOnServer(code: string): Promise<LookupResult<TicketWithTimeline>>;
  open(ticketId: string): void;
} | null;

export const findTicketIdByCode = async (db: MejaDb, code: string): Promise<string | null> => (await db.tickets.where('code').equals(code).first())?.id ?? null;

/**
 * Follows `meja://ticket/<code>`: the code as a caller might type it (any case, with or without
 * the dash), opened from the cache; a ticket the cache does not hold is read from the server when
 * it can be asked (and then shown at once and synced in), and said to be out of reach when not.
 * Returns what to tell the technician, or null when it opened.
 */
export const openTicketByCode = async (opener: TicketOpener, rawCode: string): Promise<DesktopNotice | null> => {
  const code = normalizeTicketCode(rawCode);
  if (code === null) return { kind: 'badTicketLink', code: rawCode.slice(0, 40) };
  if (opener === null) return { kind: 'signInFirst' };
  const ticketId = await opener.findIdByCode(code);
  if (ticketId !== null) {
    opener.open(ticketId);
    return null;
  }
  if (!opener.canAskServer()) return { kind: 'ticketNotCached', code };
  const found = await opener.findOnServer(code);
  if (found.ok) {
    opener.open(found.value.ticket.id);
    return null;
  }
  switch (found.failure.kind) {
    case 'notFound':
      return { kind: 'ticketNotFound', code };
    case 'refused':
      return { kind: 'ticketNotRead', code, message: found.failure.message };
    case 'offline':
    case 'cancelled':
      return { kind: 'ticketNotCached', code };
  }
};

/** A notification names a ticket this console was told about, so it is in the cache. */
export const openTicketById = (opener: TicketOpener, ticketId: string): DesktopNotice | null => {
  if (opener === null) return { kind: 'signInFirst' };
  opener.open(ticketId);
  return null;
};
