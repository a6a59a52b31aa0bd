import type { Ticket } from '../domain/ticket';

// SQLite's lower() folds ASCII only; so do we, so both sides agree on who the requester is.
const asciiLower = (text: string): string => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** One part of a requester (name or contact) as the statistics compare it: trimmed and ASCII-case-folded. */
export const normalizeRequesterPart = (text: string | null): string => asciiLower((text ?? '').trim());

/** Same requester: same name and same contact, trimmed and ASCII-case-folded; a missing contact equals an empty one. */
// JSON keeps the two parts apart unambiguously and, unlike a NUL separator, PostgreSQL text can hold it.
export const requesterKey = (ticket: Pick<Ticket, 'requester'>): string =>
  JSON.stringify([normalizeRequesterPart(ticket.requester.name), normalizeRequesterPart(ticket.requester.contact)]);
