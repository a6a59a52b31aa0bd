import { normalizeTicketCode } from '../../shared/domain/ticketCode';
import type { MejaDb } from '../db/database';

/** What the page tells the technician after a deep link or a notification click it could not follow. */
export type DesktopNotice = { kind: 'ticketNotCached'; code: string } | { kind: 'badTicketLink'; code: string } | { kind: 'signInFirst' };

/** The signed-in console's way to find and open a ticket; null while signed out. */
export type TicketOpener = {
  findIdByCode(code: string): Promise<string | null>;
  open(ticketId: string): void;
} | null;

export const findTicketIdByCode = async (db: MejaDb, code: string): Promise<string | null> => (await db.tickets.where('code').equals(code).first())?.id ?? null;

/**
 * Follows `meja://ticket/<code>`: the code as a caller might type it (any case, with or without
 * the dash), opened from the cache; the cache is all there is offline, so a ticket not synced yet
 * is said to be so rather than fetched. Returns what to tell the technician, or null when it opened.
 */
export const openTicketByCode = async (opener: TicketOpener, rawCode: string): Promise<DesktopNotice | null> => {
  const code = normalizeTicketCode(rawCode);
  if (code === null) return { kind: 'badTicketLink', code: rawCode.slice(0, 40) };
  if (opener === null) return { kind: 'signInFirst' };
  const ticketId = await opener.findIdByCode(code);
  if (ticketId === null) return { kind: 'ticketNotCached', code };
  opener.open(ticketId);
  return null;
};

/** A notification names a ticket this console was told about, so it is in the cache. */
export const openTicketById = (opener: TicketOpener, ticketId: string): DesktopNotice | null => {
  if (opener === null) return { kind: 'signInFirst' };
  opener.open(ticketId);
  return null;
};
