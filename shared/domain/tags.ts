import { fail, ok, type Result } from '../result';
import type { Ticket } from './ticket';

/** A tag is at most this long (after normalising), and a ticket holds at most this many. */
export const TAG_LIMITS = { length: 32, count: 10 } as const;

/**
 * A tag as it is stored and compared: NFC, trimmed, lower case, inner spaces as one `-`, so
 * "VPN client" typed on one console and " vpn  CLIENT" on another are the same tag. Lower-casing
 * is `toLowerCase` (locale-free), so every console and the server agree.
 */
export const normalizeTag = (raw: string): string => raw.normalize('NFC').trim().toLowerCase().replace(/\s+/g, '-');

// Letters and digits of any script, then those and a few joiners; no commas (the editor splits on them), no control characters.
const TAG_PATTERN = /^[\p{L}\p{N}][\p{L}\p{M}\p{N}._+#/-]*$/u;

export type TagProblem = 'blank' | 'tooLong' | 'characters';

/** Why a normalised tag cannot be stored, or null if it can. */
export const tagProblem = (tag: string): TagProblem | null => {
  if (tag === '') return 'blank';
  if ([...tag].length > TAG_LIMITS.length) return 'tooLong';
  return TAG_PATTERN.test(tag) ? null : 'characters';
};

export const TAG_PROBLEM_TEXT: Record<TagProblem, string> = {
  blank: 'a tag must not be blank',
  tooLong: `a tag is at most ${TAG_LIMITS.length} characters`,
  characters: 'a tag is letters and digits, with . _ + # / - inside',
};

/** A ticket's tags: a record written before tags existed has none. */
export const tagsOf = (ticket: Pick<Ticket, 'tags'>): readonly string[] => ticket.tags ?? [];

export type TagChange = { tags: string[]; added: string[]; removed: string[] };

const unique = (tags: readonly string[]): string[] => [...new Set(tags.map(normalizeTag))];

/**
 * A ticket's tags after adding and removing some, as sets: the change is worked out on whatever
 * the ticket holds when it is applied, so two technicians tagging the same ticket (offline or
 * not) both keep their tags, and a tag one of them removed stays removed. A tag in both lists is
 * removed. Sorted, so equal sets are equal records. Refused when the result would pass the count limit.
 */
export const changeTags = (current: readonly string[], add: readonly string[], remove: readonly string[]): Result<TagChange> => {
  const removing = new Set(unique(remove));
  const before = new Set(current);
  const after = new Set([...current, ...unique(add)].filter((tag) => !removing.has(tag)));
  if (after.size > TAG_LIMITS.count && after.size > before.size) {
    return fail('too_many_tags', `A ticket holds at most ${TAG_LIMITS.count} tags; it has ${before.size}.`);
  }
  const tags = [...after].sort();
  return ok({ tags, added: tags.filter((tag) => !before.has(tag)), removed: [...before].filter((tag) => !after.has(tag)).sort() });
};
