import type { Status, Tier } from './ticket';

/**
 * What anyone holding a ticket's caller code may see of it, and nothing more: no title,
 * description, requester or staff ids. Notes are the public ones only, oldest first; `author`
 * is the staff member's display name. Times are ISO 8601 UTC.
 */
export type PublicTicketView = {
  code: string;
  status: Status;
  tier: Tier;
  updatedAt: string;
  publicNotes: PublicNote[];
};

export type PublicNote = { body: string; createdAt: string; author: string };

/** The keys of a public view, for the tests that guard against leaks. */
export const PUBLIC_VIEW_KEYS = ['code', 'status', 'tier', 'updatedAt', 'publicNotes'] as const;
export const PUBLIC_NOTE_KEYS = ['body', 'createdAt', 'author'] as const;
