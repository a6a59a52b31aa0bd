import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { createTransport, type Transporter } from 'nodemailer';
import { SYSTEM_ACTOR_ID } from '../../shared/domain/callerWord';
import { mejaHeaders } from '../../shared/mail/mailHeaders';
import type { DatabaseKind } from '../config';
import type { Db } from '../db/connect';
import { serverMutationId, type ServerChanges } from '../sync/serverChanges';
import { claimDueMail, settleMail, type MailOutcome, type OutboxRow } from './mailOutbox';
import type { MailSettings } from './mailSettings';
import { MAX_MAIL_ATTEMPTS, retryDelayMs, smtpFailureOf } from './smtpFailure';

/** Rows one claim takes; the run goes on while a claim comes back full. */
const CLAIM_BATCH = 20;

/**
 * How long a claimed row is this sender's: longer than one send can take (the transport's
 * timeouts below), so a row is never sent by two senders unless one of them died mid-send.
 */
export const MAIL_LEASE_MS = 5 * 60_000;

/** How often the sender looks for due mail unless woken by a commit (retries come due by the clock). */
export const DEFAULT_MAIL_EVERY_MS = 15_000;

export type MailSenderOptions = {
  db: Db;
  kind: DatabaseKind;
  settings: MailSettings;
  changes: ServerChanges;
  now: () => number;
  log: FastifyBaseLogger;
};

/** What one run did: mails handed to the SMTP server, put back for a later try, and failed for good. */
export type MailRun = { sent: number; retried: number; failed: number };

export type MailSender = {
  /** Sends every mail due now; other instances may send others at the same time, never the same. */
  runOnce(): Promise<MailRun>;
  close(): void;
};

const transportFor = (settings: MailSettings): Transporter =>
  createTransport({
    url: settings.smtpUrl,
    // Bounded, so a send always ends well inside its lease.
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
    // The bodies are strings Meja rendered; nothing in them may make nodemailer read a file or a URL.
    disableFileAccess: true,
    disableUrlAccess: true,
  });

/**
 * Sends the mail outbox (server/mail/mailOutbox.ts) over SMTP: claims due rows, sends each with
 * Meja's headers, and settles it as sent, due again after a backoff, or failed. A refusal (5xx),
 * or a mail given up after MAX_MAIL_ATTEMPTS, is marked on the ticket's timeline as the server's
 * own `ticket:mailRefused` change (its id names the mail, so the mark is made once).
 */
export const createMailSender = ({ db, kind, settings, changes, now, log }: MailSenderOptions): MailSender => {
  const transport = transportFor(settings);
  const claim = randomUUID();

  const markRefused = async (row: OutboxRow, reason: string): Promise<void> => {
    const result = await changes.apply(SYSTEM_ACTOR_ID, {
      id: serverMutationId('mail-refused', row.id),
      name: 'ticket:mailRefused',
      args: { id: row.ticket_id, to: row.recipient, reason },
    });
    if (result.status === 'rejected') log.warn({ mail: row.id, error: result.error }, 'mail: the refusal could not be marked on its ticket');
  };

  const sendOne = async (row: OutboxRow): Promise<MailOutcome> => {
    try {
      await transport.sendMail({
        from: settings.from,
        to: row.recipient,
        subject: row.subject,
        text: row.text_body,
        html: row.html_body,
        messageId: row.message_id,
        headers: { ...mejaHeaders(row.ticket_code) },
      });
      return { status: 'sent', at: now() };
    } catch (error) {
      const failure = smtpFailureOf(error);
      if (!failure.isPermanent && row.attempts < MAX_MAIL_ATTEMPTS) {
        log.info({ mail: row.id, attempts: row.attempts, reason: failure.reason }, 'mail: not sent; tried again later');
        return { status: 'queued', dueAt: now() + retryDelayMs(row.attempts), error: failure.reason };
      }
      const reason = failure.isPermanent ? failure.reason : `given up after ${row.attempts} attempts: ${failure.reason}`;
      log.warn({ mail: row.id, ticket: row.ticket_id, reason }, 'mail: refused');
      // Marked on the ticket before the row is settled: should the settling fail, the lease ends,
      // the mail is tried again and the mark (same id) is not made twice.
      await markRefused(row, reason);
      return { status: 'failed', error: reason };
    }
  };

  return {
    runOnce: async () => {
      const run: MailRun = { sent: 0, retried: 0, failed: 0 };
      for (;;) {
        const rows = await claimDueMail(db, kind, claim, now(), MAIL_LEASE_MS, CLAIM_BATCH);
        for (const row of rows) {
          const outcome = await sendOne(row);
          if (!(await settleMail(db, row.id, claim, outcome))) continue;
          if (outcome.status === 'sent') run.sent += 1;
          else if (outcome.status === 'queued') run.retried += 1;
          else run.failed += 1;
        }
        if (rows.length < CLAIM_BATCH) return run;
      }
    },
    close: () => transport.close(),
  };
};

/**
 * Runs the sender every `everyMs`, and after a commit of this instance that queued mail (`queued()`
 * is called while its group runs; the run waits for the commit, so the rows are there): never two
 * runs at once on this instance, one more run when woken during a run. Other commits cost nothing.
 */
export const scheduleMailSender = (
  sender: MailSender,
  everyMs: number,
  onCommit: (listener: () => void) => () => void,
  log: FastifyBaseLogger,
): { stop(): void; queued(): void } => {
  let isOwed = false;
  let isRunning = false;
  let again = false;
  const run = () => {
    if (isRunning) {
      again = true;
      return;
    }
    isRunning = true;
    again = false;
    sender
      .runOnce()
      .catch((error: unknown) => log.warn({ err: error }, 'mail: a run of the sender failed; the next one tries again'))
      .finally(() => {
        isRunning = false;
        if (again) run();
      });
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  const unsubscribe = onCommit(() => {
    if (!isOwed) return;
    isOwed = false;
    run();
  });
  return {
    queued: () => {
      isOwed = true;
    },
    stop: () => {
      clearInterval(timer);
      unsubscribe();
    },
  };
};
