import type { AttachmentType } from '../attachments/attachmentType';
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
  /** The caller's answer to the current resolution; null while it waits for one, and whenever the ticket is not resolved or closed. */
  callerAnswer: PublicCallerAnswer | null;
};

/**
 * `fromCaller`: the caller's own words (a No on /track); `author` is then empty. `attachments`: the
 * files attached to this note, in the order they were attached, each read at
 * GET /api/track/<code>/attachments/<id>.
 */
export type PublicNote = { body: string; createdAt: string; author: string; fromCaller: boolean; attachments: PublicAttachment[] };

/** A file of a public note as the caller sees it: `id` is the upload's; `contentType` as found in its bytes. */
export type PublicAttachment = { id: string; name: string; size: number; contentType: AttachmentType };

export type PublicCallerAnswer = { solved: boolean; rating: number | null; answeredAt: string };

/** The keys of a public view, for the tests that guard against leaks. */
export const PUBLIC_VIEW_KEYS = ['code', 'title', 'status', 'tier', 'updatedAt', 'resolution', 'publicNotes', 'callerAnswer'] as const;
export const PUBLIC_NOTE_KEYS = ['body', 'createdAt', 'author', 'fromCaller', 'attachments'] as const;
export const PUBLIC_ATTACHMENT_KEYS = ['id', 'name', 'size', 'contentType'] as const;

/** Whether the caller may answer "Is your problem solved?" now: a resolved ticket whose resolution has no answer yet. */
export const isAwaitingAnswer = (view: Pick<PublicTicketView, 'status' | 'callerAnswer'>): boolean => view.status === 'resolved' && view.callerAnswer === null;

/**
 * The resolution a caller is shown: only while the ticket is resolved or closed, so a reopened
 * ticket (or an imported one carrying an old text) does not announce a fix that did not hold;
 * a blank text counts as none.
 */
export const publicResolution = (status: Status, resolution: string | null): string | null =>
  (status === 'resolved' || status === 'closed') && resolution !== null && resolution.trim() !== '' ? resolution : null;
