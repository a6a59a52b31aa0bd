import type { Status, Tier } from './ticket';

/**
 * What anyone holding a ticket's caller code may see of it, and nothing more: the title the
 * caller's problem was filed under, the resolution once the ticket is resolved or closed, and no
 * description, requester, assignee, internal note or staff id. Notes are the public ones only,
 * oldest first; `author` is the staff member's display name. Times are ISO 8601 UTC.
 */
export type PublicTicketView = {
  code: string;
  title: string;
  status: Status;
  tier: Tier;
  updatedAt: string;
  /** What fixed it; null until the ticket is resolved (and again once it is reopened). */
  resolution: string | null;
  publicNotes: PublicNote[];
};

export type PublicNote = { body: string; createdAt: string; author: string };

/** The keys of a public view, for the tests that guard against leaks. */
export const PUBLIC_VIEW_KEYS = ['code', 'title', 'status', 'tier', 'updatedAt', 'resolution', 'publicNotes'] as const;
export const PUBLIC_NOTE_KEYS = ['body', 'createdAt', 'author'] as const;

/**
 * The resolution a caller is shown: only while the ticket is resolved or closed, so a reopened
 * ticket (or an imported one carrying an old text) does not announce a fix that did not hold;
 * a blank text counts as none.
 */
export const publicResolution = (status: Status, resolution: string | null): string | null =>
  (status === 'resolved' || status === 'closed') && resolution !== null && resolution.trim() !== '' ? resolution : null;
