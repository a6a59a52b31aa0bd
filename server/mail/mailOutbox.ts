import { randomBytes, randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Write } from '../../shared/domain/mutatorKit';
import type { Ticket } from '../../shared/domain/ticket';
import { messageIdFor } from '../../shared/mail/mailHeaders';
import { renderMail, type MailLanguage } from '../../shared/mail/mailTemplates';
import { mailsOfChange } from '../../shared/mail/outboundMail';
import type { DatabaseKind } from '../config';
import type { Db } from '../db/connect';
import type { Schema } from '../db/schema';

/**
 * What the push group needs to queue mail: the Message-ID domain, the desk's language, the links'
 * base; `queued` is told when a group wrote outbox rows (the sender then runs after the commit).
 */
export type OutboxSettings = { domain: string; language: MailLanguage; publicUrl: string; queued?: () => void };

export type OutboxRow = Schema['mail_outbox'];

/**
 * The outbox rows a change owes, rendered now (a retry sends the same words and the same
 * Message-ID), due at once. Pure but for the ids: costs nothing for a change that mails nobody.
 */
export const outboxRowsOf = (settings: OutboxSettings, writes: readonly Write[], ticketOf: (id: string) => Ticket | undefined, nowMs: number): OutboxRow[] =>
  mailsOfChange(writes, ticketOf).map((mail) => {
    const content = renderMail(
      { kind: mail.kind, code: mail.ticket.code, title: mail.ticket.title, body: mail.body, publicUrl: settings.publicUrl },
      settings.language,
    );
    return {
      id: randomUUID(),
      ticket_id: mail.ticketId,
      ticket_code: mail.ticket.code,
      kind: mail.kind,
      recipient: mail.to,
      language: settings.language,
      subject: content.subject,
      text_body: content.text,
      html_body: content.html,
      message_id: messageIdFor(randomBytes(12).toString('hex'), settings.domain),
      attempts: 0,
      next_attempt_at: nowMs,
      status: 'queued',
      claim: null,
      last_error: null,
      created_at: nowMs,
      sent_at: null,
    };
  });

/**
 * Claims up to `limit` due rows for one sender: each gets the claim token, one more attempt, and
 * `next_attempt_at` moved to the end of the lease, so no other sender takes it meanwhile, and a
 * sender that dies leaves it due again when the lease ends. On PostgreSQL the rows are locked with
 * SKIP LOCKED, so two instances claiming at once take different rows; SQLite has one writer.
 */
export const claimDueMail = async (db: Db, kind: DatabaseKind, claim: string, nowMs: number, leaseMs: number, limit: number): Promise<OutboxRow[]> => {
  const lock = kind === 'postgres' ? sql` for update skip locked` : sql``;
  const { rows } = await sql<OutboxRow>`update mail_outbox set claim = ${claim}, attempts = attempts + 1, next_attempt_at = ${nowMs + leaseMs}
    where id in (select id from mail_outbox where status = 'queued' and next_attempt_at <= ${nowMs} order by next_attempt_at, id limit ${limit}${lock})
    returning *`.execute(db);
  return rows.map((row) => ({ ...row, attempts: Number(row.attempts), next_attempt_at: Number(row.next_attempt_at), created_at: Number(row.created_at) }));
};

/** What became of a claimed row; written only while the claim is still this sender's. */
export type MailOutcome = { status: 'sent'; at: number } | { status: 'queued'; dueAt: number; error: string } | { status: 'failed'; error: string };

export const settleMail = async (db: Db | Transaction<Schema>, id: string, claim: string, outcome: MailOutcome): Promise<boolean> => {
  const set =
    outcome.status === 'sent'
      ? { status: 'sent', sent_at: outcome.at, last_error: null }
      : outcome.status === 'queued'
        ? { status: 'queued', next_attempt_at: outcome.dueAt, last_error: outcome.error }
        : { status: 'failed', last_error: outcome.error };
  const result = await db
    .updateTable('mail_outbox')
    .set({ ...set, claim: null })
    .where('id', '=', id)
    .where('claim', '=', claim)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
};
