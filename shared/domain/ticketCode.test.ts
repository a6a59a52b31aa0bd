import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CODE_ALPHABET, isTicketCode, makeTicketCode, normalizeTicketCode } from './ticketCode';

const fixedBytes = (values: number[]) => (length: number) => Uint8Array.from(values.slice(0, length));

describe('ticket codes', () => {
  it('writes 8 alphabet symbols as XXXX-XXXX', () => {
    expect(makeTicketCode(fixedBytes([0, 1, 2, 3, 28, 29, 30, 31]))).toBe('0123-WXYZ');
  });

  it('maps every byte into the alphabet uniformly (byte mod 32)', () => {
    expect(makeTicketCode(fixedBytes([32, 33, 255, 224, 64, 95, 18, 19]))).toBe('01Z0-0ZJK');
  });

  it('never produces I, L, O or U', () => {
    expect(CODE_ALPHABET).toHaveLength(32);
    expect(CODE_ALPHABET).not.toMatch(/[ILOU]/);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), (bytes) => {
        const code = makeTicketCode(() => bytes);
        expect(isTicketCode(code)).toBe(true);
        expect(code).not.toMatch(/[ILOU]/);
      }),
    );
  });

  it('rejects malformed codes', () => {
    for (const bad of ['', 'K7QF-M2X', 'K7QFM2XD', 'k7qf-m2xd', 'K7QF-M2XU', 'K7QF_M2XD', 'K7QF-M2XDD']) {
      expect(isTicketCode(bad)).toBe(false);
    }
    expect(isTicketCode('K7QF-M2XD')).toBe(true);
  });

  it('normalises what a caller types', () => {
    expect(normalizeTicketCode('k7qf m2xd')).toBe('K7QF-M2XD');
    expect(normalizeTicketCode('K7QFM2XD')).toBe('K7QF-M2XD');
    expect(normalizeTicketCode('ilo0-0000')).toBe('1100-0000');
    expect(normalizeTicketCode('K7QF-M2XU')).toBeNull();
    expect(normalizeTicketCode('K7QF')).toBeNull();
    expect(normalizeTicketCode('<script>')).toBeNull();
  });

  it('round-trips every generated code through normalisation', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), (bytes) => {
        const code = makeTicketCode(() => bytes);
        expect(normalizeTicketCode(code.toLowerCase())).toBe(code);
      }),
    );
  });
});
