import type { EditableField, LinkRole, Status, Tier } from './ticket';

/** A timeline entry. Immutable once written; statistics are computed from these. */
export type TicketEvent = {
  id: string;
  ticketId: string;
  actorId: string;
  at: string;
} & EventPayload;

export type EventPayload =
  | { type: 'created'; data: { number: number | null } }
  | {
      type: 'status_changed';
      /**
       * `via`: the problem or original whose resolution resolved this ticket with it (absent when resolved by itself).
       * `source`: a change nobody on the staff made: `caller`, the caller answered No on /track or wrote in by mail (a reopen);
       * `auto-close`, the server closed a resolved ticket (shared/domain/callerWord.ts). Absent for staff changes.
       */
      data: { from: Status; to: Status; resolution: string | null; isReopen: boolean; via?: string; source?: StatusSource };
    }
  | { type: 'assigned'; data: { from: string | null; to: string | null } }
  | { type: 'escalated'; data: { fromTier: Tier; toTier: Tier; reason: string } }
  | { type: 'field_edited'; data: { field: EditableField; from: string; to: string } }
  /** `via: 'email'`: the caller's mail (`ticket:callerMail`); absent for a note written in a console. */
  | { type: 'note_added'; data: { noteId: string; visibility: NoteVisibility; via?: 'email' } }
  | { type: 'session_logged'; data: { sessionId: string; phase: 'started' | 'ended'; durationMs: number | null } }
  | { type: 'call_logged'; data: { startedAt: string; durationMs: number } }
  | { type: 'tags_changed'; data: { added: string[]; removed: string[] } }
  /** Written on both tickets of a link; `kind` is what the other ticket is to this one. */
  | { type: 'linked'; data: { otherId: string; kind: LinkRole } }
  | { type: 'unlinked'; data: { otherId: string; kind: LinkRole } }
  | { type: 'problem_marked'; data: { isProblem: boolean } }
  /** `ticket:linkArticle`: the article that solved (or helps with) this ticket. */
  | { type: 'article_linked'; data: { articleId: string } }
  /** `attachment:add`: a file attached to the ticket, or to one of its notes (`noteId`). */
  | { type: 'attachment_added'; data: { attachmentId: string; name: string; noteId: string | null } }
  /** The caller's answer on /track to the resolution of `resolvedAt`: one per resolution. */
  | { type: 'caller_answered'; data: CallerAnswer }
  /** The caller's mail server refused a mail to `to` (server only, server/mail/): `reason` is its answer, one line. */
  | { type: 'mail_refused'; data: { to: string; reason: string } };

export const STATUS_SOURCES = ['caller', 'auto-close'] as const;
export type StatusSource = (typeof STATUS_SOURCES)[number];

/**
 * `rating` 1-5 with a Yes only; `comment` is the caller's words (a No always has them);
 * `technicianId` the ticket's assignee when the caller answered, who resolved it.
 */
export type CallerAnswer = { resolvedAt: string; solved: boolean; rating: number | null; comment: string | null; technicianId: string | null };

export const NOTE_VISIBILITIES = ['internal', 'public'] as const;
export type NoteVisibility = (typeof NOTE_VISIBILITIES)[number];

export type Note = {
  id: string;
  ticketId: string;
  authorId: string;
  body: string;
  visibility: NoteVisibility;
  createdAt: string;
};

export const SESSION_TOOLS = ['rdp', 'teamviewer', 'anydesk', 'ssh', 'vnc', 'on-site', 'other'] as const;
export type SessionTool = (typeof SESSION_TOOLS)[number];

export const SESSION_OUTCOMES = ['resolved', 'partly', 'not-fixed', 'follow-up'] as const;
export type SessionOutcome = (typeof SESSION_OUTCOMES)[number];

/** A remote (or on-site) working session on a caller's machine. */
export type RemoteSession = {
  id: string;
  ticketId: string;
  technicianId: string;
  tool: SessionTool;
  target: string;
  consent: boolean;
  startedAt: string;
  endedAt: string | null;
  steps: Array<{ at: string; text: string }>;
  outcome: SessionOutcome | null;
  updatedAt: string;
};

/**
 * A canned reply: a text the whole desk shares, inserted into notes with its placeholders filled
 * in (shared/domain/replyTemplate.ts). Supervisors and admins write them (`replies:manage`).
 */
export type CannedReply = {
  id: string;
  title: string;
  /** May hold placeholders such as `{{caller.name}}`; unknown ones stay as written. */
  body: string;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
};

export const ROLES = ['technician', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What every console may know about a staff member (never the password hash). */
export type PublicUser = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** Set for technicians only. */
  tier: Tier | null;
  active: boolean;
};
