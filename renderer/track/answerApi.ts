import type { TrackAnswerBody } from '../../shared/api/track';
import type { PublicTicketView } from '../../shared/domain/track';

/** How sending an answer can end, as the page tells the caller; `message` is the server's own words on a 400. */
export type AnswerResult =
  | { kind: 'answered'; view: PublicTicketView }
  | { kind: 'not-found' }
  | { kind: 'not-resolved' }
  | { kind: 'already-answered' }
  | { kind: 'invalid'; message: string }
  | { kind: 'rate-limited'; seconds: number }
  | { kind: 'failed' };

const retryAfterSeconds = (header: string | null): number => {
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 60;
};

const errorOf = async (response: Response): Promise<{ code: string; message: string }> => {
  try {
    const body = (await response.json()) as { code?: unknown; message?: unknown };
    return { code: typeof body.code === 'string' ? body.code : '', message: typeof body.message === 'string' ? body.message : '' };
  } catch {
    return { code: '', message: '' };
  }
};

/** Sends the caller's answer for a code already normalized (`XXXX-XXXX`). */
export const sendAnswer = async (code: string, body: TrackAnswerBody): Promise<AnswerResult> => {
  try {
    const response = await fetch(`/api/track/${encodeURIComponent(code)}/answer`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(body),
      cache: 'no-store',
    });
    if (response.ok) return { kind: 'answered', view: (await response.json()) as PublicTicketView };
    if (response.status === 429) return { kind: 'rate-limited', seconds: retryAfterSeconds(response.headers.get('retry-after')) };
    if (response.status === 404) return { kind: 'not-found' };
    const error = await errorOf(response);
    if (error.code === 'not_resolved') return { kind: 'not-resolved' };
    if (error.code === 'already_answered') return { kind: 'already-answered' };
    if (response.status === 400) return { kind: 'invalid', message: error.message };
    return { kind: 'failed' };
  } catch {
    return { kind: 'failed' };
  }
};
