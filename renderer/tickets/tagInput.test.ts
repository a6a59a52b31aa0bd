import { describe, expect, it } from 'vitest';
import { TAG_LIMITS } from '../../shared/domain/tags';
import { readTagInput } from './tagInput';

describe('readTagInput', () => {
  it('splits at commas, normalises and drops empty parts, repeats and tags already there', () => {
    expect(readTagInput(' VPN, laptop ,, Vpn, printer', ['printer'])).toEqual({ tags: ['vpn', 'laptop'], problem: null });
    expect(readTagInput('  ', [])).toEqual({ tags: [], problem: null });
  });
  it('names the first part that cannot be a tag', () => {
    expect(readTagInput('vpn, -odd, #x', [])).toEqual({ tags: [], problem: { kind: 'characters', tag: '-odd' } });
    expect(readTagInput('x'.repeat(TAG_LIMITS.length + 1), [])).toMatchObject({ problem: { kind: 'tooLong' } });
  });
  it('refuses more tags than a ticket holds', () => {
    const full = Array.from({ length: TAG_LIMITS.count - 1 }, (_, i) => `t${i}`);
    expect(readTagInput('a', full).problem).toBeNull();
    expect(readTagInput('a, b', full)).toEqual({ tags: [], problem: { kind: 'tooMany' } });
  });
});
