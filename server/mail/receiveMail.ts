import { createHash, randomBytes } from 'node:crypto';
import { CALLER_ACTOR_ID } from '../../shared/domain/callerWord';
import { LIMITS } from '../../shared/domain/ticket';
import { makeTicketCode } from '../../shared/domain/ticketCode';
import { automaticReason, type AutomaticReason, type MailMarks } from '../../shared/mail/automaticMail';
import { mailBodyText, requesterFromSender, titleFromSubject } from '../../shared/mail/inboundMail';
import { ticketCodeInMail } from '../../shared/mail/ticketCodeInMail';
import type { PushResult } from '../../shared/sync/protocol';
import type { Db } from '../db/connect';
import { serverMutationId, type ServerChanges } from '../sync/serverChanges';

/** What the listener read from one mail; `text` is the plain text (HTML-only mail converted to text, never HTML). */
export type InboundMail = {
  /** The Message-ID as sent, or null: the mail is then known by the hash of its bytes. */
  messageId: string | null;
  rawSha256: string;
  envelopeSender: string;
  recipients: readonly string[];
  subject: string | null;
  from: { name: string; address: string } | null;
  text: string | null;
  marks: MailMarks;
};

/**
 * What became of a mail: each is answered 250 (taken), except `refused` (550, the sender's server
 * reports the reason back to its user). A failure to reach the database throws instead: 451, try later.
 */
export type Delivery =
  | { kind: 'ticket'; ticketId: string; code: string }
  | { kind: 'note'; ticketId: string; reopened: boolean }
  | { kind: 'ignored'; reason: AutomaticReason }
  | { kind: 'duplicate'; ticketId: string | null }
  | { kind: 'refused'; message: string };

/** The key a mail is known by: its Message-ID, or the hash of its bytes when it has none (the same bytes resent are the same mail). */
export const mailKey = (mail: Pick<InboundMail, 'messageId' | 'rawSha256'>): string => {
  const id = (mail.messageId ?? '').trim();
  return id === '' ? `sha256:${mail.rawSha256}` : id.slice(0, 998);
};

// Ids of the records a mail makes derive from its key, so a second delivery, even one that races
// the first on another instance, finds them made (`already_exists`) instead of making them twice.
const idOf = (kind: string, key: string): string => `mail-${kind}-${createHash('sha256').update(key).digest('hex').slice(0, 40)}`;

const record = async (db: Db, key: string, outcome: string, ticketId: string | null, now: number): Promise<void> => {
  await db
    .insertInto('mail_received')
    .values({ message_id: key, outcome, ticket_id: ticketId, received_at: now })
    .onConflict((oc) => oc.column('message_id').doNothing())
    .execute();
};

const unexpected = (what: string, result: PushResult): Error =>
  new Error(`The ${what} from a mail was refused: ${result.error?.code ?? result.status}: ${result.error?.message ?? ''}`);

/** How many fresh codes a new ticket tries when another ticket holds the one drawn (one in 10^12 each). */
const CODE_TRIES = 5;

const createTicket = async (changes: ServerChanges, mail: InboundMail, key: string, preface: string): Promise<Delivery> => {
  const requester = requesterFromSender(mail.from?.name ?? null, mail.from?.address ?? null);
  if (requester === null) return { kind: 'refused', message: 'The sender (From) has no usable mail address to answer.' };
  const id = idOf('ticket', key);
  const text = mailBodyText(mail.text, LIMITS.description - preface.length);
  for (let attempt = 0; attempt < CODE_TRIES; attempt += 1) {
    const code = makeTicketCode((length) => randomBytes(length));
    const result = await changes.apply(CALLER_ACTOR_ID, {
      id: serverMutationId('mail', key, String(attempt)),
      name: 'ticket:create',
      args: {
        id,
        code,
        title: titleFromSubject(mail.subject, `Mail from ${requester.contact}`),
        description: `${preface}${text}`,
        requester,
        category: 'other',
        priority: 'normal',
        channel: 'email',
      },
    });
    if (result.status === 'applied') return { kind: 'ticket', ticketId: id, code };
    if (result.status === 'duplicate' || result.error?.code === 'already_exists') return { kind: 'duplicate', ticketId: id };
    if (result.error?.code !== 'code_taken') throw unexpected('ticket', result);
  }
  throw new Error('No free ticket code was found for a mail.');
};

/** A reply to a ticket; null when the ticket is closed (closed is final for the caller: the mail opens a new ticket). */
const addNote = async (changes: ServerChanges, mail: InboundMail, key: string, ticket: { id: string; status: string }): Promise<Delivery | null> => {
  const body = mailBodyText(mail.text, LIMITS.noteBody);
  const result = await changes.apply(CALLER_ACTOR_ID, {
    id: serverMutationId('mail', key),
    name: 'ticket:callerMail',
    args: { id: ticket.id, noteId: idOf('note', key), body: body === '' ? '(empty mail)' : body },
  });
  if (result.status === 'applied') return { kind: 'note', ticketId: ticket.id, reopened: ticket.status === 'resolved' };
  if (result.status === 'duplicate' || result.error?.code === 'already_exists') return { kind: 'duplicate', ticketId: ticket.id };
  if (result.error?.code === 'conflict') return null;
  throw unexpected('note', result);
};

/**
 * Takes one mail: a machine's mail is logged and dropped; a mail naming a known ticket's code
 * (address plus-part or `[CODE]` in the subject) becomes a public note from the caller on it,
 * reopening it when resolved; any other mail (no code, an unknown code, a closed ticket's code)
 * becomes a new ticket, channel email, requester from the sender. Each as the server's own change,
 * answered once it is committed. The same mail again (same Message-ID) changes nothing.
 */
export const receiveMail = async (db: Db, changes: ServerChanges, mail: InboundMail, now: () => number): Promise<Delivery> => {
  const key = mailKey(mail);
  const seen = await db.selectFrom('mail_received').select('ticket_id').where('message_id', '=', key).executeTakeFirst();
  if (seen !== undefined) return { kind: 'duplicate', ticketId: seen.ticket_id };
  const reason = automaticReason(mail.marks);
  if (reason !== null) {
    await record(db, key, 'ignored', null, now());
    return { kind: 'ignored', reason };
  }
  const code = ticketCodeInMail(mail.subject ?? '', mail.recipients);
  const ticket = code === null ? undefined : await db.selectFrom('tickets').select(['id', 'status', 'code']).where('code', '=', code).executeTakeFirst();
  const noted = ticket === undefined ? null : await addNote(changes, mail, key, ticket);
  const delivery = noted ?? (await createTicket(changes, mail, key, ticket === undefined ? '' : `Follow-up to the closed ticket ${ticket.code}.\n\n`));
  if (delivery.kind === 'ticket' || delivery.kind === 'note') await record(db, key, delivery.kind, delivery.ticketId, now());
  return delivery;
};
