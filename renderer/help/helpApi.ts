import type { HelpArticle, HelpArticleSummary } from '../../shared/knowledge/help';
import { retryAfterSeconds } from '../track/trackApi';

/** How a request to the self-help routes can end, as the page tells the reader. */
export type Refusal = { kind: 'not-found' } | { kind: 'rate-limited'; seconds: number } | { kind: 'failed' };
export type Outcome<T> = { kind: 'ok'; value: T } | Refusal;

const ask = async <T>(path: string, init: RequestInit = {}): Promise<Outcome<T>> => {
  try {
    const response = await fetch(path, { ...init, headers: { accept: 'application/json', ...init.headers }, cache: 'no-store' });
    if (response.status === 404) return { kind: 'not-found' };
    if (response.status === 429) return { kind: 'rate-limited', seconds: retryAfterSeconds(response.headers.get('retry-after')) };
    if (!response.ok) return { kind: 'failed' };
    // The server's answers follow shared/api/help.ts.
    return { kind: 'ok', value: (await response.json()) as T };
  } catch {
    return { kind: 'failed' };
  }
};

/** GET /api/help/articles?q=: published public articles matching every word; the most recent without words. */
export const searchArticles = async (q: string): Promise<Outcome<HelpArticleSummary[]>> => {
  const answer = await ask<{ articles: HelpArticleSummary[] }>(q.trim() === '' ? '/api/help/articles' : `/api/help/articles?q=${encodeURIComponent(q)}`);
  return answer.kind === 'ok' ? { kind: 'ok', value: answer.value.articles } : answer;
};

/** GET /api/help/articles/<id> */
export const readArticle = (id: string): Promise<Outcome<HelpArticle>> => ask<HelpArticle>(`/api/help/articles/${encodeURIComponent(id)}`);

/** POST /api/help/articles/<id>/feedback */
export const answerArticle = (id: string, solved: boolean): Promise<Outcome<unknown>> =>
  ask<unknown>(`/api/help/articles/${encodeURIComponent(id)}/feedback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ solved }),
  });
