/**
 * Where the self-help page is: `/help` (search, `?q=` the words) or `/help/<id>` (an article). The
 * page reads its place from the address, so a link to an article or a search can be shared.
 */
export type HelpPlace = { kind: 'search'; q: string } | { kind: 'article'; id: string };

const PREFIX = '/help/';

export const placeOf = (pathname: string, search: string): HelpPlace => {
  if (pathname.startsWith(PREFIX) && pathname.length > PREFIX.length) {
    try {
      return { kind: 'article', id: decodeURIComponent(pathname.slice(PREFIX.length)) };
    } catch {
      // A broken %-escape names no article: the server would answer 404 too.
      return { kind: 'article', id: '' };
    }
  }
  return { kind: 'search', q: new URLSearchParams(search).get('q') ?? '' };
};

export const pathOf = (place: HelpPlace): string =>
  place.kind === 'article' ? `${PREFIX}${encodeURIComponent(place.id)}` : place.q.trim() === '' ? '/help' : `/help?q=${encodeURIComponent(place.q)}`;
