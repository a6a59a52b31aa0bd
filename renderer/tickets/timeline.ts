import { CALLER_ACTOR_ID, SYSTEM_ACTOR_ID } from '../../shared/domain/callerWord';
import type { Note, NoteVisibility, PublicUser, TicketEvent } from '../../shared/domain/records';
import { PRIORITIES, type Priority } from '../../shared/domain/ticket';
import { formatCallDuration } from '../calls/callClock';
import { priorityLabel, statusLabel, type TicketT } from './ticketLabels';

/** One line of a ticket's history, ready to show in the chosen language. */
export type TimelineItem = {
  id: string;
  at: string;
  actor: string;
  /** What happened, after the actor's name: "escalated from tier 1 to tier 2". */
  summary: string;
  /** Longer text: a note's body, a resolution, an escalation's reason, a field's old and new value. */
  detail: string | null;
  visibility: NoteVisibility | null;
};

/**
 * What the timeline needs besides the records: names, texts and the locale for durations, and
 * how to name another ticket (a link's other end; "another ticket" when not given or not known).
 */
export type TimelineContext = {
  users: ReadonlyMap<string, PublicUser>;
  t: TicketT;
  locale: string;
  ticketName?: (id: string) => string | null;
  /** An article's title, for `article_linked` ("an article" when not given or not known). */
  articleTitle?: (id: string) => string | null;
};

const isPriority = (value: string): value is Priority => PRIORITIES.some((priority) => priority === value);

// The caller (on /track) and the server itself act without a user record.
const name = (ctx: TimelineContext, id: string): string =>
  id === CALLER_ACTOR_ID
    ? ctx.t('timeline.caller')
    : id === SYSTEM_ACTOR_ID
      ? ctx.t('timeline.system')
      : (ctx.users.get(id)?.displayName ?? ctx.t('unknownUser'));

// Priorities are stored as identifiers; the other editable fields are free text shown as typed.
const fieldValue = (ctx: TimelineContext, field: string, value: string): string =>
  field === 'priority' && isPriority(value) ? priorityLabel(ctx.t, value) : value;

const otherTicket = (ctx: TimelineContext, id: string): string => ctx.ticketName?.(id) ?? ctx.t('timeline.anotherTicket');

const duration = (ctx: TimelineContext, ms: number): string => formatCallDuration(Math.max(ms, 1000), ctx.locale) ?? '';

const describe = (event: TicketEvent, notes: ReadonlyMap<string, Note>, ctx: TimelineContext): Pick<TimelineItem, 'summary' | 'detail' | 'visibility'> => {
  const { t } = ctx;
  const plain = (summary: string, detail: string | null = null) => ({ summary, detail, visibility: null });
  switch (event.type) {
    case 'created':
      return plain(t('timeline.created'));
    case 'status_changed': {
      const { from, to, resolution, isReopen, via } = event.data;
      if (isReopen) return plain(t('timeline.reopened', { from: statusLabel(t, from).toLowerCase() }));
      if (to === 'resolved' && via !== undefined) return plain(t('timeline.resolvedWith', { other: otherTicket(ctx, via) }), resolution);
      return plain(t('timeline.statusChanged', { from: statusLabel(t, from), to: statusLabel(t, to) }), resolution);
    }
    case 'assigned': {
      const { from, to } = event.data;
      if (to === null) return plain(from === null ? t('timeline.unassignedNobody') : t('timeline.unassigned', { name: name(ctx, from) }));
      if (to === event.actorId) return plain(t('timeline.took'));
      return plain(t('timeline.assigned', { name: name(ctx, to) }));
    }
    case 'escalated':
      return plain(t('timeline.escalated', { from: event.data.fromTier, to: event.data.toTier }), event.data.reason);
    case 'field_edited': {
      const { field, from, to } = event.data;
      const detail = field === 'description' ? null : `${fieldValue(ctx, field, from)} → ${fieldValue(ctx, field, to)}`;
      return plain(t('timeline.fieldEdited', { field: t(`timeline.field.${field}`) }), detail);
    }
    case 'note_added': {
      const note = notes.get(event.data.noteId);
      return {
        summary: event.data.visibility === 'public' ? t('timeline.notePublic') : t('timeline.noteInternal'),
        detail: note?.body ?? null,
        visibility: event.data.visibility,
      };
    }
    case 'session_logged':
      if (event.data.phase === 'started') return plain(t('timeline.sessionStarted'));
      return plain(
        event.data.durationMs === null ? t('timeline.sessionEnded') : t('timeline.sessionEndedAfter', { duration: duration(ctx, event.data.durationMs) }),
      );
    case 'call_logged':
      return plain(t('timeline.call', { duration: duration(ctx, event.data.durationMs) }));
    case 'tags_changed': {
      const { added, removed } = event.data;
      return plain(t('timeline.tagsChanged'), [...added.map((tag) => `+${tag}`), ...removed.map((tag) => `\u2212${tag}`)].join(' '));
    }
    case 'linked':
      return plain(t(`timeline.linked.${event.data.kind}`, { other: otherTicket(ctx, event.data.otherId) }));
    case 'unlinked':
      return plain(t('timeline.unlinked', { other: otherTicket(ctx, event.data.otherId) }));
    case 'problem_marked':
      return plain(event.data.isProblem ? t('timeline.markedProblem') : t('timeline.unmarkedProblem'));
    case 'article_linked':
      return plain(t('timeline.articleLinked', { title: ctx.articleTitle?.(event.data.articleId) ?? t('timeline.anArticle') }));
    case 'attachment_added':
      return plain(t(event.data.noteId === null ? 'timeline.attached' : 'timeline.attachedToNote', { name: event.data.name }));
    case 'caller_answered': {
      const { solved, rating, comment } = event.data;
      if (!solved) return plain(t('timeline.callerNotSolved'));
      return plain(rating === null ? t('timeline.callerSolved') : t('timeline.callerSolvedRated', { rating }), comment);
    }
    case 'mail_refused':
      return plain(t('timeline.mailRefused', { to: event.data.to }), event.data.reason);
  }
};

/** A ticket's history, oldest first (ties in id order, so two clients show the same order), with names and notes' text. */
export const buildTimeline = (events: readonly TicketEvent[], notes: readonly Note[], ctx: TimelineContext): TimelineItem[] => {
  const notesById = new Map(notes.map((note) => [note.id, note]));
  return [...events]
    .sort((a, b) => (a.at === b.at ? a.id.localeCompare(b.id) : a.at < b.at ? -1 : 1))
    .map((event) => ({ id: event.id, at: event.at, actor: name(ctx, event.actorId), ...describe(event, notesById, ctx) }));
};
