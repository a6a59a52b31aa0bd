import { CALLER_ACTOR_ID } from '../domain/callerWord';
import type { Write } from '../domain/mutatorKit';
import type { Note } from '../domain/records';
import type { Ticket } from '../domain/ticket';
import { isMailAddress } from './mailHeaders';
import type { MailKind } from './mailTemplates';

/** A mail one change owes its caller: about which ticket, to whom, and what it says (`body`: the note's or resolution's text). */
export type OwedMail = { ticketId: string; kind: MailKind; to: string; ticket: Ticket; body: string };

/**
 * The mails a change owes callers, read from the records it writes: a ticket created with an
 * e-mail contact gets its code; a public note (not the caller's own words from /track) is sent on;
 * a resolution is sent with its text. Events are what tell: each is new with its change, so a
 * ticket rewritten for another reason (an edit, a tag) mails nothing. A problem's resolution
 * mails each of its resolved incidents' callers too. `ticketOf`: the ticket as it stands after
 * the change when the change does not write it.
 */
export const mailsOfChange = (writes: readonly Write[], ticketOf: (id: string) => Ticket | undefined): OwedMail[] => {
  const written = new Map<string, Ticket>();
  const notes = new Map<string, Note>();
  for (const write of writes) {
    if (write.entity === 'ticket') written.set(write.id, write.data);
    else if (write.entity === 'note') notes.set(write.id, write.data);
  }
  const owed: OwedMail[] = [];
  for (const write of writes) {
    if (write.entity !== 'event') continue;
    const event = write.data;
    const ticket = written.get(event.ticketId) ?? ticketOf(event.ticketId);
    if (ticket === undefined) continue;
    const to = ticket.requester.contact?.trim() ?? null;
    if (!isMailAddress(to)) continue;
    const mail = (kind: MailKind, body: string) => owed.push({ ticketId: ticket.id, kind, to, ticket, body });
    if (event.type === 'created') mail('code', '');
    else if (event.type === 'note_added' && event.data.visibility === 'public') {
      const note = notes.get(event.data.noteId);
      if (note !== undefined && note.authorId !== CALLER_ACTOR_ID) mail('note', note.body);
    } else if (event.type === 'status_changed' && event.data.to === 'resolved') mail('resolution', event.data.resolution ?? ticket.resolution ?? '');
  }
  return owed;
};
