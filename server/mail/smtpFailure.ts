import { headerSafe } from '../../shared/mail/mailHeaders';

/** Why a mail did not go, in one line, and whether trying again can help. */
export type SmtpFailure = { isPermanent: boolean; reason: string };

const MAX_REASON = 500;

/**
 * Reads nodemailer's error: an SMTP answer in the 5xx range (550 no such user, 554 refused) is
 * permanent and sending it again would only be refused again; 4xx answers (greylisting, a full
 * mailbox) and everything that is not an answer (the server down, a timeout, a TLS failure) are
 * worth another try.
 */
export const smtpFailureOf = (error: unknown): SmtpFailure => {
  const fields =
    typeof error === 'object' && error !== null ? (error as { responseCode?: unknown; response?: unknown; message?: unknown; code?: unknown }) : {};
  const responseCode = typeof fields.responseCode === 'number' ? fields.responseCode : null;
  const said = typeof fields.response === 'string' && fields.response.trim() !== '' ? fields.response : null;
  const message = typeof fields.message === 'string' && fields.message !== '' ? fields.message : String(error);
  const reason = headerSafe(said ?? (typeof fields.code === 'string' ? `${fields.code}: ${message}` : message)).slice(0, MAX_REASON) || 'unknown error';
  return { isPermanent: responseCode !== null && responseCode >= 500 && responseCode < 600, reason };
};

/** Attempts before a mail that keeps failing for temporary reasons is given up (about two days of tries). */
export const MAX_MAIL_ATTEMPTS = 12;
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 6 * 3_600_000;

/** The wait after the `attempts`-th failed try: 30 s, doubling, at most six hours. */
export const retryDelayMs = (attempts: number): number => Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_RETRY_MS);
