import type { Ticket } from './ticket';

/** The placeholders a canned reply may hold, written `{{caller.name}}` (spaces inside the braces allowed). */
export const REPLY_PLACEHOLDERS = ['caller.name', 'ticket.code', 'ticket.title', 'technician.name'] as const;
export type ReplyPlaceholder = (typeof REPLY_PLACEHOLDERS)[number];

/** What each placeholder stands for in one note. */
export type ReplyValues = Readonly<Record<ReplyPlaceholder, string>>;

/** One `{{…}}` in a text: its name as written (trimmed), where it starts and ends, and whether it is known. */
export type PlaceholderUse = { name: string; start: number; end: number; isKnown: boolean };

// Non-greedy and without braces inside, so "{{a}} {{b}}" is two placeholders and "{{{x}}}" one.
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

const isPlaceholder = (name: string): name is ReplyPlaceholder => REPLY_PLACEHOLDERS.some((known) => known === name);

/** Every placeholder in `text`, in order. */
export const findPlaceholders = (text: string): PlaceholderUse[] =>
  [...text.matchAll(PLACEHOLDER)].map((match) => {
    const name = (match[1] ?? '').trim();
    return { name, start: match.index, end: match.index + match[0].length, isKnown: isPlaceholder(name) };
  });

/** The placeholders of `text` that no value fills, each once, as written: what the editor flags. */
export const unknownPlaceholders = (text: string): string[] => [...new Set(findPlaceholders(text).flatMap((use) => (use.isKnown ? [] : [use.name])))];

/**
 * The text with each known placeholder replaced by its value, in one pass: a value that itself
 * looks like a placeholder (a caller called "{{ticket.code}}") is not expanded again. Unknown
 * placeholders stay as written, so the technician sees what the reply meant and fixes it.
 */
export const expandReply = (text: string, values: ReplyValues): string =>
  text.replace(PLACEHOLDER, (whole: string, inner: string) => {
    const name = inner.trim();
    return isPlaceholder(name) ? values[name] : whole;
  });

/** The values for a note on `ticket` written by `technicianName`. */
export const replyValues = (ticket: Pick<Ticket, 'code' | 'title' | 'requester'>, technicianName: string): ReplyValues => ({
  'caller.name': ticket.requester.name,
  'ticket.code': ticket.code,
  'ticket.title': ticket.title,
  'technician.name': technicianName,
});
