import { describe, expect, it } from 'vitest';
import { pathOf, placeOf } from './helpPath';

describe('the self-help page reads its place from the address', () => {
  it('a search, with or without words', () => {
    expect(placeOf('/help', '')).toEqual({ kind: 'search', q: '' });
    expect(placeOf('/help/', '')).toEqual({ kind: 'search', q: '' });
    expect(placeOf('/help', '?q=vpn%20phone')).toEqual({ kind: 'search', q: 'vpn phone' });
  });

  it('an article by its id, escaped or not, and a broken escape as no article', () => {
    expect(placeOf('/help/abc-123', '')).toEqual({ kind: 'article', id: 'abc-123' });
    expect(placeOf('/help/a%2Fb', '')).toEqual({ kind: 'article', id: 'a/b' });
    expect(placeOf('/help/%E0%A4%A', '')).toEqual({ kind: 'article', id: '' });
  });

  it('writes the address back as it reads it', () => {
    for (const place of [
      { kind: 'search', q: '' },
      { kind: 'search', q: 'vpn & co' },
      { kind: 'article', id: 'a/b c' },
    ] as const) {
      const url = new URL(pathOf(place), 'http://desk.example');
      expect(placeOf(url.pathname, url.search)).toEqual(place);
    }
  });
});
