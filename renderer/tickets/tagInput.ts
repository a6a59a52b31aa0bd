import { normalizeTag, tagProblem, TAG_LIMITS, type TagProblem } from '../../shared/domain/tags';

export type TagInputProblem = { kind: TagProblem; tag: string } | { kind: 'tooMany' };

/**
 * What the tag field holds, as the tags it adds: split at commas, normalised, empty parts and
 * repeats dropped. The first part that cannot be a tag, or more tags than a ticket holds, is a
 * problem to show before anything is sent.
 */
export const readTagInput = (text: string, current: readonly string[]): { tags: string[]; problem: TagInputProblem | null } => {
  const parts = text.split(',').map((part) => ({ raw: part, tag: normalizeTag(part) }));
  const bad = parts.find((part) => part.raw.trim() !== '' && tagProblem(part.tag) !== null);
  if (bad !== undefined) return { tags: [], problem: { kind: tagProblem(bad.tag) ?? 'characters', tag: bad.raw.trim() } };
  const tags = [...new Set(parts.filter((part) => part.tag !== '').map((part) => part.tag))].filter((tag) => !current.includes(tag));
  if (new Set([...current, ...tags]).size > TAG_LIMITS.count) return { tags: [], problem: { kind: 'tooMany' } };
  return { tags, problem: null };
};
