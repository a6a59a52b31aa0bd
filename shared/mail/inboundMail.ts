import { LIMITS } from '../domain/ticket';
import { normalizeRequesterPart } from '../stats/requester';

/** A ticket's requester as a mail's sender gives it: `contact` is the address, as the repeat-contact rule compares it. */
export type MailRequester = { name: string; contact: string };

// Control characters (NUL included: PostgreSQL text cannot hold it) other than tab and newline.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** One line of header text: controls and line breaks (a header injection's tool) become spaces, runs of space one. */
const oneLine = (text: string): string =>
  text
    .replace(/[\r\n\t]/g, ' ')
    .replace(CONTROL, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const cut = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

// A usable address: one @, no spaces or controls, and short enough to be stored whole (a cut address is another person's).
const ADDRESS = /^[^\s@]+@[^\s@]+$/;

/**
 * The requester of a mail's sender (the From header's first address): the address, trimmed and
 * ASCII-case-folded as `normalizeRequesterPart` compares contacts, so the call form's repeat-contact
 * lookup finds the caller's phone tickets and mailed ones alike; the display name, or the address
 * when there is none. Null when there is no usable address to answer (the mail is refused).
 */
export const requesterFromSender = (name: string | null, address: string | null): MailRequester | null => {
  const contact = normalizeRequesterPart(oneLine(address ?? ''));
  if (!ADDRESS.test(contact) || contact.length > LIMITS.contact) return null;
  const shown = oneLine(name ?? '')
    .replace(/^["']+|["']+$/g, '')
    .trim();
  return { name: cut(shown === '' ? contact : shown, LIMITS.name), contact };
};

// Reply and forward prefixes of common mail clients, English and Indonesian among them, repeated.
const REPLY_PREFIX = /^(?:\s*(?:re|fw|fwd|aw|wg|sv|vs|balas|bls|tr)\s*(?:\[\d+\])?\s*:\s*)+/i;

/** A ticket's title from a mail's subject: one line, no reply prefixes or `[CODE]`, within the title limit. */
export const titleFromSubject = (subject: string | null, fallback: string): string => {
  const title = oneLine(subject ?? '')
    .replace(REPLY_PREFIX, '')
    .replace(/\[\s*[0-9A-Za-z]{4}-[0-9A-Za-z]{4}\s*\]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return cut(title === '' ? fallback : title, LIMITS.title);
};

// "On Tue, 8 Dec 2026, Ani <ani@…> wrote:" and Indonesian clients' "Pada … menulis:", before a quoted block.
const QUOTE_INTRO = /^(?:on\b.*\bwrote|pada\b.*\bmenulis)\s*:\s*$/i;

/**
 * The text of a mail as a note or description: controls removed, line ends made `\n`, the quoted
 * earlier mail at its end dropped (a reply quotes the whole conversation, which the ticket holds
 * already), and cut to `max` with a mark saying so. Plain text only: it is shown as text, never HTML.
 */
export const mailBodyText = (text: string | null, max: number): string => {
  const lines = (text ?? '').replace(/\r\n?/g, '\n').replace(CONTROL, '').split('\n');
  let end = lines.length;
  while (end > 0 && (lines[end - 1] ?? '').trim() === '') end -= 1;
  let quoted = end;
  while (quoted > 0 && /^\s*>/.test(lines[quoted - 1] ?? '')) quoted -= 1;
  if (quoted < end) {
    end = quoted;
    while (end > 0 && (lines[end - 1] ?? '').trim() === '') end -= 1;
    if (end > 0 && QUOTE_INTRO.test((lines[end - 1] ?? '').trim())) end -= 1;
  }
  const body = lines.slice(0, end).join('\n').trim();
  const mark = '\n[…]';
  return body.length <= max ? body : `${body.slice(0, max - mark.length)}${mark}`;
};
