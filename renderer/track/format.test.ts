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
});
