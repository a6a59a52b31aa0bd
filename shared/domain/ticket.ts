import type { AttachmentType } from '../attachments/attachmentType';

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CHANNELS = ['phone', 'email', 'walk-in', 'self-service'] as const;
export type Channel = (typeof CHANNELS)[number];

export const STATUSES = ['new', 'open', 'pending', 'resolved', 'closed'] as const;
export type Status = (typeof STATUSES)[number];

export const TIERS = [1, 2, 3] as const;
export type Tier = (typeof TIERS)[number];

/**
 * What another ticket is to this one, in a link kept on both tickets (shared/domain/links.ts):
 * `related` both ways; a duplicate holds its `original`, which holds it as a `duplicate`; an
 * incident holds its `problem`, which holds it as an `incident`.
 */
export const LINK_ROLES = ['related', 'original', 'duplicate', 'problem', 'incident'] as const;
export type LinkRole = (typeof LINK_ROLES)[number];

/** One link as a ticket stores it: the other ticket, and what that ticket is to this one. */
export type TicketLink = { otherId: string; kind: LinkRole };

/** Categories offered by default; any non-empty label is accepted (imports bring their own). */
export const DEFAULT_CATEGORIES = ['access', 'email', 'hardware', 'network', 'printing', 'software', 'telephony', 'other'] as const;

/**
 * A ticket as the server stores it and every client caches it.
 * Invariants: `id` and `code` never change after creation, except that a client may
 * replace `code` before the server first accepts the ticket (code taken).
 * `number` is null until the server accepts the ticket. Times are ISO 8601 UTC strings.
 */
export type Ticket = {
  id: string;
  number: number | null;
  code: string;
  title: string;
  description: string;
  requester: { name: string; contact: string | null };
  category: string;
  priority: Priority;
  channel: Channel;
  status: Status;
  tier: Tier;
  assigneeId: string | null;
  resolution: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /**
   * The first response: the first moment the ticket left new (someone took it or was given it,
   * it was marked open, or resolved on the call) or got a public note; null until then. The
   * first-response SLA stops here (docs/METRICS.md, "First response").
   */
  firstRespondedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  reopenCount: number;
  /** Time spent on the phone with the caller about this ticket, in milliseconds (all calls). */
  callMs: number;
  /** Due time of the first response; fixed at creation (and on a priority change). */
  firstResponseDueAt: string;
  /** Due time of the resolution, excluding the pause still running if `pendingSince` is set. */
  resolutionDueAt: string;
  /** Set while the ticket is pending: the resolution clock is paused since then. */
  pendingSince: string | null;
  /** Total time spent pending before the current pause, in milliseconds. */
  pausedMs: number;
  /**
   * Free labels, normalised and sorted (shared/domain/tags.ts), changed only by `ticket:tag`.
   * Absent on records written before tags existed, which means none: read it with `tagsOf`.
   */
  tags?: string[];
  /**
   * Links to other tickets, in the order they were made, changed only by `ticket:link` and
   * `ticket:unlink`, which write both tickets. Absent on records written before links existed,
   * which means none: read it with `linksOf`.
   */
  links?: TicketLink[];
  /**
   * A problem: the cause behind incidents (the calls one outage produced), set by
   * `ticket:markProblem`. Resolving it resolves its open incidents. Absent means false.
   */
  isProblem?: boolean;
  /**
   * Knowledge-base articles linked to the ticket (`ticket:linkArticle`), in the order they were
   * linked; absent on records written before articles existed, which means none.
   */
  articles?: string[];
  /**
   * Files attached to the ticket or one of its notes (`attachment:add`), in the order they were
   * attached; absent on records written before attachments existed, which means none: read it with
   * `attachmentsOf` (shared/domain/attachments.ts).
   */
  attachments?: TicketAttachment[];
};

/**
 * A file a ticket carries. `id` is the one the console that attached it gave it; `attachmentId` the
 * upload's (POST /api/attachments; `pending` in that console's optimistic copy until the file is
 * uploaded). The bytes are fetched from the server when someone opens it, never synced. `size` and
 * `contentType` are facts only the server knows (it read the bytes): null until the server's copy arrives.
 */
export type TicketAttachment = {
  id: string;
  attachmentId: string;
  name: string;
  /** The note it was attached with, on this ticket; null when attached to the ticket itself. */
  noteId: string | null;
  addedBy: string;
  addedAt: string;
  size: number | null;
  contentType: AttachmentType | null;
};

/** Fields a technician may edit with `ticket:update`. */
export const EDITABLE_FIELDS = ['title', 'description', 'category', 'priority'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

export const LIMITS = {
  title: 200,
  description: 20_000,
  name: 200,
  contact: 200,
  category: 60,
  resolution: 10_000,
  noteBody: 20_000,
  reason: 2_000,
  target: 200,
  stepText: 2_000,
  steps: 500,
  replyTitle: 120,
  replyBody: 20_000,
  /** Links one ticket may hold: a problem holds one per incident. */
  links: 2_000,
  /** A caller's words with their answer on /track. */
  callerComment: 2_000,
  /** Files one ticket may carry, and the length of a file's name (as the server cleans names). */
  attachments: 200,
  fileName: 255,
} as const;
