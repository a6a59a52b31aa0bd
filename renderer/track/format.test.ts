import { describe, expect, it } from 'vitest';
import { formatDateTime, localeFor } from './format';

describe('tracking page dates', () => {
  it("uses the browser's variant of the chosen language, else the language", () => {
    expect(localeFor('en', ['id-ID', 'en-US'])).toBe('en-US');
    expect(localeFor('id', ['en-GB'])).toBe('id');
    expect(localeFor('id', ['ID', 'en'])).toBe('ID');
  });

  it('writes the date in that language', () => {
    const iso = '2026-03-02T09:05:00.000Z';
    expect(formatDateTime(iso, 'id')).toContain('Mar 2026');
    expect(formatDateTime(iso, 'en-US')).toContain('Mar 2, 2026');
  });

  it('says in which time zone the time is', () => {
    const iso = '2026-12-07T03:42:00.000Z';
    expect(formatDateTime(iso, 'en-GB', 'Asia/Jakarta')).toBe('7 Dec 2026, 10:42 GMT+7');
    expect(formatDateTime(iso, 'en-GB', 'UTC')).toBe('7 Dec 2026, 03:42 UTC');
    expect(formatDateTime(iso, 'id', 'Asia/Jakarta')).toBe('7 Des 2026, 10.42 WIB');
  });
});
