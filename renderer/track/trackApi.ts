import type { PublicTicketView } from '../../shared/domain/track';

/** What a lookup can end in, as the page tells the caller. */
export type Lookup = { kind: 'found'; view: PublicTicketView } | { kind: 'not-found' } | { kind: 'rate-limited'; seconds: number } | { kind: 'failed' };

/** Seconds from a Retry-After header (the server sends whole seconds); a sane default otherwise. */
export const retryAfterSeconds = (header: string | null): number => {
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 60;
};

/** Asks the server about a code, already normalized by the caller (`XXXX-XXXX`). */
export const lookUpTicket = async (code: string): Promise<Lookup> => {
  try {
    const response = await fetch(`/api/track/${encodeURIComponent(code)}`, { headers: { accept: 'application/json' }, cache: 'no-store' });
    if (response.status === 404) return { kind: 'not-found' };
    if (response.status === 429) return { kind: 'rate-limited', seconds: retryAfterSeconds(response.headers.get('retry-after')) };
    if (!response.ok) return { kind: 'failed' };
    return { kind: 'found', view: (await response.json()) as PublicTicketView };
  } catch {
    return { kind: 'failed' };
  }
};
