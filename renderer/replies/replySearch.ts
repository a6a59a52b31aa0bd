import type { CannedReply } from '../../shared/domain/records';

/**
 * The replies a search finds: every word typed must appear in the title or the text (any case).
 * Titles first, then in the console's alphabetical order, so a reply is where one expects it.
 */
export const searchReplies = (replies: readonly CannedReply[], query: string, locale: string): CannedReply[] => {
  const words = query
    .toLocaleLowerCase(locale)
    .split(/\s+/)
    .filter((word) => word !== '');
  const byTitle = (a: CannedReply, b: CannedReply) => a.title.localeCompare(b.title, locale) || a.id.localeCompare(b.id);
  if (words.length === 0) return [...replies].sort(byTitle);
  const titleHits: CannedReply[] = [];
  const textHits: CannedReply[] = [];
  for (const reply of replies) {
    const title = reply.title.toLocaleLowerCase(locale);
    const text = `${title}\n${reply.body.toLocaleLowerCase(locale)}`;
    if (!words.every((word) => text.includes(word))) continue;
    (words.every((word) => title.includes(word)) ? titleHits : textHits).push(reply);
  }
  return [...titleHits.sort(byTitle), ...textHits.sort(byTitle)];
};
