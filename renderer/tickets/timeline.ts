import type { Note, NoteVisibility, PublicUser, TicketEvent } from '../../shared/domain/records';
import { STATUS_LABELS, userName } from './format';

/** One line of a ticket's history, ready to show. */
export type TimelineItem = {
  id: string;
  at: string;
  actor: string;
  /** What happened, after the actor's name: "escalated to tier 2". */
  summary: string;
  /** Longer text: a note's body, a resolution, an escalation's reason. */
  detail: string | null;
  visibility: NoteVisibility | null;
};

const minutes = (ms: number): string => `${Math.max(1, Math.round(ms / 60_000))} min`;

const describe = (event: TicketEvent, notes: ReadonlyMap<string, Note>, users: ReadonlyMap<string, PublicUser>): Pick<TimelineItem, 'summary' | 'detail' | 'visibility'> => {
  const plain = (summary: string, detail: string | null = null) => ({ summary, detail, visibility: null });
  switch (event.type) {
    case 'created':
      return plain('created the ticket');
    case 'status_changed': {
      const { from, to, resolution, isReopen } = event.data;
      if (isReopen) return plain(`reopened the ticket (was ${STATUS_LABELS[from].toLowerCase()})`);
      return plain(`changed the status from ${STATUS_LABELS[from]} to ${STATUS_LABELS[to]}`, resolution);
    }
    case 'assigned': {
      const { from, to } = event.data;
      if (to === null) return plain(`unassigned ${userName(users, from) ?? 'the ticket'}`);
      if (to === event.actorId) return plain('took the ticket');
      return plain(`assigned the ticket to ${userName(users, to)}`);
    }
    case 'escalated':
      return plain(`escalated from tier ${event.data.fromTier} to tier ${event.data.toTier}`, event.data.reason);
    case 'field_edited':
      return plain(`changed the ${event.data.field}`, event.data.field === 'description' ? null : `${event.data.from} → ${event.data.to}`);
    case 'note_added': {
      const note = notes.get(event.data.noteId);
      return {
        summary: event.data.visibility === 'public' ? 'added a public note' : 'added an internal note',
        detail: note?.body ?? null,
        visibility: event.data.visibility,
      };
    }
    case 'session_logged':
      return plain(
        event.data.phase === 'started'
          ? 'started a remote session'
          : `ended a remote session${event.data.durationMs === null ? '' : ` (${minutes(event.data.durationMs)})`}`,
      );
    case 'call_logged':
      return plain(`took a call (${minutes(event.data.durationMs)})`);
  }
};

/** A ticket's history, oldest first, with actors' names and notes' text. */
export const buildTimeline = (
  events: readonly TicketEvent[],
  notes: readonly Note[],
  users: ReadonlyMap<string, PublicUser>,
): TimelineItem[] => {
  const notesById = new Map(notes.map((note) => [note.id, note]));
  return [...events]
    .sort((a, b) => (a.at === b.at ? a.id.localeCompare(b.id) : a.at < b.at ? -1 : 1))
    .map((event) => ({ id: event.id, at: event.at, actor: userName(users, event.actorId) ?? 'Someone', ...describe(event, notesById, users) }));
};
