import { normalizeTicketCode } from '../domain/ticketCode';

// `[ABCD-EFGH]` as Meja's own subjects carry it, in any case (I, L and O read as Crockford reads
// them). The dash is required: without it an eight-letter tag such as `[EXTERNAL]` would read as a code.
const BRACKETED = /\[\s*([0-9A-Za-z]{4}-[0-9A-Za-z]{4})\s*\]/g;
const DASHED = /^[0-9A-Za-z]{4}-[0-9A-Za-z]{4}$/;

/** The code in a subject's square brackets (the first one that is a code), or null. */
export const ticketCodeInSubject = (subject: string): string | null => {
  for (const match of subject.matchAll(BRACKETED)) {
    const code = normalizeTicketCode(match[1] ?? '');
    if (code !== null) return code;
  }
  return null;
};

/** The code in an address's plus-part (`help+ABCD-EFGH@desk.example`), or null. */
export const ticketCodeInAddress = (address: string): string | null => {
  const at = address.lastIndexOf('@');
  const local = at < 0 ? address : address.slice(0, at);
  const plus = local.indexOf('+');
  const tag = local.slice(plus + 1);
  return plus < 0 || !DASHED.test(tag) ? null : normalizeTicketCode(tag);
};

/**
 * The ticket a mail is about: the plus-part of an address it was delivered to first (the address
 * a reply goes back to, which a caller rarely edits), then the subject's `[CODE]` (which survives
 * a reply from a client that drops the plus-part). Null: a new matter.
 */
export const ticketCodeInMail = (subject: string, recipients: readonly string[]): string | null => {
  for (const recipient of recipients) {
    const code = ticketCodeInAddress(recipient);
    if (code !== null) return code;
  }
  return ticketCodeInSubject(subject);
};
