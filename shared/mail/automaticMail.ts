/**
 * The headers that tell a person's mail from a machine's: RFC 3834's `Auto-Submitted`, the older
 * `Precedence`, and the marks Meja puts on every mail it sends (`X-Meja-Ticket`, a Message-ID
 * `<meja.…>`). Absent headers are null. `envelopeSender` is SMTP's MAIL FROM: empty for a bounce.
 */
export type MailMarks = {
  autoSubmitted: string | null;
  precedence: string | null;
  mejaTicket: string | null;
  messageId: string | null;
  envelopeSender: string;
};

/** Why a mail is ignored rather than made a ticket or a note. */
export type AutomaticReason = 'auto-submitted' | 'precedence' | 'meja-header' | 'own-message-id' | 'bounce';

const MACHINE_PRECEDENCE = new Set(['bulk', 'junk', 'list', 'auto_reply']);

/**
 * Why this mail was sent by a machine, or null for a person's. A desk that answered auto-replies
 * (an out-of-office that answers Meja's "ticket created" mail, which answers again…) would loop,
 * and a mailing list would open a ticket per post: those are logged and dropped, never a ticket.
 * RFC 3834 says `Auto-Submitted: no` is a person's mail; any other value (auto-replied,
 * auto-generated, auto-notified, or a value from tomorrow's RFC) is a machine's. A bounce
 * (empty envelope sender) reports on mail Meja sent and must never be answered either.
 */
export const automaticReason = (marks: MailMarks): AutomaticReason | null => {
  const autoSubmitted = (marks.autoSubmitted ?? '').trim().toLowerCase();
  if (autoSubmitted !== '' && !/^no\b/.test(autoSubmitted)) return 'auto-submitted';
  if (MACHINE_PRECEDENCE.has((marks.precedence ?? '').trim().toLowerCase())) return 'precedence';
  if (marks.mejaTicket !== null) return 'meja-header';
  if (/^<?meja\./i.test((marks.messageId ?? '').trim())) return 'own-message-id';
  if (marks.envelopeSender.trim() === '' || marks.envelopeSender.trim() === '<>') return 'bounce';
  return null;
};
