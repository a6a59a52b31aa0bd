/** The longest a server's Retry-After may hold the sync: a console never sits idle longer on its word. */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;

const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * How long the server asks us to wait, from a `Retry-After` header: whole seconds, or an HTTP
 * date (measured from the answer's own `Date` when it has one, so a console whose clock is off
 * waits what the server meant). Undefined for no header, nonsense or a time already past; at most
 * MAX_RETRY_AFTER_MS.
 */
export const parseRetryAfter = (value: string | null, answerDate: string | null, localNowMs: number): number | undefined => {
  if (value === null) return undefined;
  const text = value.trim();
  let ms: number;
  if (/^\d{1,10}$/.test(text)) ms = Number(text) * 1000;
  else if (HTTP_DATE.test(text)) {
    const sentAt = answerDate === null ? Number.NaN : Date.parse(answerDate);
    ms = Date.parse(text) - (Number.isFinite(sentAt) ? sentAt : localNowMs);
  } else return undefined;
  if (!Number.isFinite(ms) || ms <= 0) return undefined;
  return Math.min(ms, MAX_RETRY_AFTER_MS);
};
