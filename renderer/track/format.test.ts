import { describe, expect, it } from 'vitest';
import { localeFor } from './format';

describe('tracking page dates', () => {
  it("uses the browser's variant of the chosen language, else the language", () => {
    expect(localeFor('en', ['id-ID', 'en-US'])).toBe('en-US');
    expect(localeFor('id', ['en-GB'])).toBe('id');
    expect(localeFor('id', ['ID', 'en'])).toBe('ID');
  });
});
