import { describe, expect, it } from 'vitest';
import { noteParts } from './noteLinks';

const ORIGIN = 'https://desk.example';

describe('a public note on /track', () => {
  it('links /help/<id>, alone or after this server’s origin, and keeps the rest as text', () => {
    expect(noteParts('Please read /help/abc-1 first.', ORIGIN)).toEqual([
      { kind: 'text', text: 'Please read ' },
      { kind: 'help', text: '/help/abc-1', href: '/help/abc-1' },
      { kind: 'text', text: ' first.' },
    ]);
    expect(noteParts(`See ${ORIGIN}/help/x9`, ORIGIN)).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'help', text: `${ORIGIN}/help/x9`, href: '/help/x9' },
    ]);
  });

  it('leaves every other address as text: another server, javascript:, another path of this one', () => {
    for (const body of [
      'https://evil.example/help/abc',
      'javascript:alert(1)//help/abc',
      `${ORIGIN}/track?code=1`,
      `${ORIGIN}.evil.example/help/abc`,
      'http://desk.example/help/abc',
      '<a href="/help/x">x</a>',
      'no links here',
    ]) {
      expect(
        noteParts(body, ORIGIN).every((part) => part.kind === 'text'),
        body,
      ).toBe(true);
      expect(
        noteParts(body, ORIGIN)
          .map((part) => part.text)
          .join(''),
      ).toBe(body);
    }
  });
});
