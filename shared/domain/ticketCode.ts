/**
 * Caller tracking codes: 8 symbols of Crockford's base32 alphabet, written `XXXX-XXXX`.
 * 32^8 (about 1.1e12) codes make guessing a valid one impractical, and the alphabet
 * leaves out I, L, O and U so a code read aloud on the phone cannot be misheard as another.
 */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** Fills a buffer with uniformly random bytes (Web Crypto's getRandomValues, or a seeded source in tests). */
export type RandomBytes = (length: number) => Uint8Array;

export const makeTicketCode = (randomBytes: RandomBytes): string => {
  // 256 is a multiple of 32, so `byte % 32` is uniform.
  const bytes = randomBytes(8);
  let out = '';
  for (let i = 0; i < 8; i += 1) {
    if (i === 4) out += '-';
    out += CODE_ALPHABET[(bytes[i] ?? 0) % 32];
  }
  return out;
};

export const isTicketCode = (value: string): boolean => CODE_PATTERN.test(value);

/**
 * Reads a code as a caller might type it: any case, with or without the dash or spaces,
 * with the letters Crockford maps to digits (I and L to 1, O to 0). Returns null if it
 * cannot be a code.
 */
export const normalizeTicketCode = (input: string): string | null => {
  const compact = input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (compact.length !== 8) return null;
  const candidate = `${compact.slice(0, 4)}-${compact.slice(4)}`;
  return isTicketCode(candidate) ? candidate : null;
};
