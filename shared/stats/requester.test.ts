import { describe, expect, it } from 'vitest';
import { makeTicket } from '../../tests/support/factories';
import { normalizeRequesterPart, requesterKey } from './requester';

describe('requesterKey', () => {
  it('is the same for the same name and contact, trimmed and A–Z case-folded; a missing contact equals an empty one', () => {
    const key = requesterKey(makeTicket({ requester: { name: 'Ada Lovelace', contact: 'ext. 4411' } }));
    expect(requesterKey(makeTicket({ requester: { name: ' ADA LOVELACE ', contact: 'EXT. 4411 ' } }))).toBe(key);
    expect(requesterKey(makeTicket({ requester: { name: 'Ada Lovelace', contact: 'ext. 9999' } }))).not.toBe(key);
    expect(requesterKey({ requester: { name: 'Ana', contact: null } })).toBe(requesterKey({ requester: { name: 'ana', contact: '  ' } }));
  });

  it('keeps the two parts apart', () => {
    expect(requesterKey({ requester: { name: 'a b', contact: 'c' } })).not.toBe(requesterKey({ requester: { name: 'a', contact: 'b c' } }));
  });
});

describe('normalizeRequesterPart', () => {
  it('folds A to Z only, as SQLite lower() does', () => {
    expect(normalizeRequesterPart('  ÉLISE Durand ')).toBe('Élise durand');
    expect(normalizeRequesterPart(null)).toBe('');
  });
});
