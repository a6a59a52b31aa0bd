import { describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_MS, parseRetryAfter } from './retryAfter';

const NOW = Date.parse('2026-11-29T09:00:00Z');

describe('parseRetryAfter', () => {
  it('reads whole seconds', () => {
    expect(parseRetryAfter('30', null, NOW)).toBe(30_000);
    expect(parseRetryAfter(' 7 ', null, NOW)).toBe(7_000);
  });

  it('reads an HTTP date from the answer’s own Date, so a console whose clock is off waits what the server meant', () => {
    // This console's clock is a day behind; the server says: come back in 45 s.
    expect(parseRetryAfter('Sun, 29 Nov 2026 09:00:45 GMT', 'Sun, 29 Nov 2026 09:00:00 GMT', NOW - 86_400_000)).toBe(45_000);
    expect(parseRetryAfter('Sun, 29 Nov 2026 09:00:45 GMT', null, NOW)).toBe(45_000);
  });

  it('caps a long wait at five minutes', () => {
    expect(MAX_RETRY_AFTER_MS).toBe(300_000);
    expect(parseRetryAfter('86400', null, NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('9999999999', null, NOW)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('Mon, 30 Nov 2026 09:00:00 GMT', null, NOW)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('ignores no header, nonsense, and times already past', () => {
    for (const value of [
      null,
      '',
      '0',
      '-5',
      '1.5',
      '3e2',
      'soon',
      '30 s',
      '99999999999',
      'Sun, 29 Nov 2026 08:59:00 GMT',
      '2026-11-29T09:05:00Z',
      'Xyz, 99 Abc 2026 99:99:99 GMT',
    ]) {
      expect(parseRetryAfter(value, null, NOW)).toBeUndefined();
    }
  });
});
