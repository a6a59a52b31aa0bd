/**
 * A public note's text as the caller's page shows it: plain text, except links to this server's
 * self-help articles (`/help/<id>`, alone or after this server's own origin), which become links.
 * Anything else, other addresses included, stays text: a note is written by staff, but the page
 * must never turn text into a link to somewhere a caller should not be sent.
 */
export type NotePart = { kind: 'text'; text: string } | { kind: 'help'; text: string; href: string };

const ARTICLE_ID = '[A-Za-z0-9_:.-]{1,64}';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const noteParts = (body: string, origin: string): NotePart[] => {
  const pattern = new RegExp(`(?:${escapeRegExp(origin)})?/help/(${ARTICLE_ID})`, 'g');
  const parts: NotePart[] = [];
  let last = 0;
  for (const match of body.matchAll(pattern)) {
    const at = match.index;
    const before = at === 0 ? '' : body[at - 1];
    // Part of a longer word or another address (https://elsewhere/help/x): not ours, stays text.
    if (before !== undefined && before !== '' && !/[\s(]/.test(before)) continue;
    // A trailing full stop or colon belongs to the sentence, not the id.
    const id = (match[1] ?? '').replace(/[.:]+$/, '');
    if (id === '') continue;
    const text = match[0].slice(0, match[0].length - ((match[1] ?? '').length - id.length));
    if (at > last) parts.push({ kind: 'text', text: body.slice(last, at) });
    parts.push({ kind: 'help', text, href: `/help/${encodeURIComponent(id)}` });
    last = at + text.length;
  }
  if (last < body.length) parts.push({ kind: 'text', text: body.slice(last) });
  return parts;
};
