import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET } from '../../shared/domain/ticketCode';
import { deepLinkFromArgv, parseDeepLink } from './deepLink';

describe('parseDeepLink', () => {
  it.each([
    ['meja://ticket/ABCD-1234', 'ABCD-1234'],
    ['meja://ticket/abcd-1234', 'ABCD-1234'],
    ['meja://ticket/ABCD1234', 'ABCD-1234'],
    ['meja://ticket/ABCD-1234/', 'ABCD-1234'],
    ['MEJA://TICKET/0OIL-0000', '0011-0000'],
  ])('opens %s as ticket %s', (link, code) => {
    expect(parseDeepLink(link)).toEqual({ kind: 'ticket', code });
  });

  it.each([
    ['another scheme', 'https://ticket/ABCD-1234'],
    ['a look-alike scheme', 'mejax://ticket/ABCD-1234'],
    ['another host', 'meja://settings/ABCD-1234'],
    ['a host with credentials', 'meja://user@ticket/ABCD-1234'],
    ['a host with a port', 'meja://ticket:80/ABCD-1234'],
    ['no code', 'meja://ticket/'],
    ['an invalid code (U is not Crockford)', 'meja://ticket/ABCU-1234'],
    ['a short code', 'meja://ticket/ABC-1234'],
    ['a long code', 'meja://ticket/ABCDE-1234'],
    ['an extra path segment', 'meja://ticket/ABCD-1234/delete'],
    ['two slashes at the end', 'meja://ticket/ABCD-1234//'],
    ['a path climbing up', 'meja://ticket/../../etc/passwd'],
    ['a code after a climb', 'meja://ticket/../ticket/ABCD-1234'],
    ['a dot segment', 'meja://ticket/./ABCD-1234'],
    ['a percent-encoded slash', 'meja://ticket/ABCD%2F1234'],
    ['a percent-encoded code', 'meja://ticket/%41BCD-1234'],
    ['a percent-encoded traversal', 'meja://ticket/%2e%2e%2fABCD-1234'],
    ['a backslash', 'meja://ticket\\ABCD-1234'],
    ['a query string', 'meja://ticket/ABCD-1234?redirect=https://evil.example'],
    ['a bare query', 'meja://ticket/ABCD-1234?'],
    ['a fragment', 'meja://ticket/ABCD-1234#x'],
    ['whitespace around it', ' meja://ticket/ABCD-1234'],
    ['a newline inside', 'meja://ticket/ABCD-1234\n--inspect'],
    ['a null byte', 'meja://ticket/ABCD-1234\u0000'],
    ['full-width letters', 'meja://ticket/ＡBCD-1234'],
    ['javascript: dressed up', 'javascript:meja://ticket/ABCD-1234'],
    ['an overlong link', `meja://ticket/ABCD-1234/${'a'.repeat(10_000)}`],
    ['an empty string', ''],
  ])('refuses %s', (_label, link) => {
    expect(parseDeepLink(link)).toBeNull();
  });

  const codeChar = fc.constantFrom(...CODE_ALPHABET);
  const validCode = fc
    .tuple(fc.array(codeChar, { minLength: 4, maxLength: 4 }), fc.array(codeChar, { minLength: 4, maxLength: 4 }))
    .map(([a, b]) => `${a.join('')}-${b.join('')}`);

  it('opens every valid code, and exactly that code', () => {
    fc.assert(
      fc.property(validCode, (code) => {
        expect(parseDeepLink(`meja://ticket/${code}`)).toEqual({ kind: 'ticket', code });
      }),
    );
  });

  it('never yields a link from random text unless it is exactly the accepted form', () => {
    const exactForm = /^meja:\/\/ticket\/[0-9a-z]{4}-?[0-9a-z]{4}\/?$/i;
    const noisyLink = fc
      .tuple(fc.string({ maxLength: 4 }), validCode, fc.string({ maxLength: 4 }))
      .map(([before, code, after]) => `${before}meja://ticket/${code}${after}`);
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), noisyLink), (input) => {
        const result = parseDeepLink(input);
        if (result !== null) expect(input).toMatch(exactForm);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses any valid link with something more appended', () => {
    fc.assert(
      fc.property(
        validCode,
        fc.string({ minLength: 1 }).filter((tail) => tail !== '/'),
        (code, tail) => {
          expect(parseDeepLink(`meja://ticket/${code}${tail}`)).toBeNull();
        },
      ),
    );
  });
});

describe('deepLinkFromArgv', () => {
  it('finds the link among Electron and Chromium arguments', () => {
    expect(deepLinkFromArgv(['C:\\Meja\\Meja.exe', '--allow-file-access-from-files', 'meja://ticket/ABCD-1234'])).toEqual({
      kind: 'ticket',
      code: 'ABCD-1234',
    });
  });

  it('opens nothing when there is no link', () => {
    expect(deepLinkFromArgv(['/usr/bin/meja', '--no-sandbox'])).toBeNull();
    expect(deepLinkFromArgv([])).toBeNull();
  });

  it('takes only the first link, so a hostile first one is not skipped in favour of a later one', () => {
    expect(deepLinkFromArgv(['meja', 'meja://ticket/../x', 'meja://ticket/ABCD-1234'])).toBeNull();
  });
});
