import { describe, expect, it } from 'vitest';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password';

/** The parts of a stored hash: `scrypt$N$r$p$salt$key`, salt and key in base64. */
const parse = (stored: string) => {
  const [scheme, n, r, p, salt, key, ...rest] = stored.split('$');
  return {
    scheme,
    n: Number(n),
    r: Number(r),
    p: Number(p),
    saltBytes: Buffer.from(salt ?? '', 'base64').length,
    keyBytes: Buffer.from(key ?? '', 'base64').length,
    rest: rest.length,
  };
};

/** The stored hash with its last key character changed to another base64 digit. */
const tamperKey = (stored: string): string => {
  const cut = stored.lastIndexOf('$') + 1;
  const key = stored.slice(cut);
  // Change a character that carries whole bits (not the padding's last one).
  const index = key.replace(/=+$/, '').length - 2;
  const changed = key[index] === 'A' ? 'B' : 'A';
  return `${stored.slice(0, cut)}${key.slice(0, index)}${changed}${key.slice(index + 1)}`;
};

describe('password hashing', () => {
  it('stores scrypt with its cost (N=2^15, r=8, p=1), a 16-byte salt and a 32-byte key', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(parse(stored)).toEqual({ scheme: 'scrypt', n: 2 ** 15, r: 8, p: 1, saltBytes: 16, keyBytes: 32, rest: 0 });
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery!', stored)).toBe(false);
  });

  it('salts every hash: one password hashed twice gives two different hashes, both valid', async () => {
    const first = await hashPassword('same password here');
    const second = await hashPassword('same password here');
    expect(second).not.toBe(first);
    expect(first.split('$')[4]).not.toBe(second.split('$')[4]);
    expect(await verifyPassword('same password here', first)).toBe(true);
    expect(await verifyPassword('same password here', second)).toBe(true);
  });

  it('refuses a tampered hash: a changed key, another salt, a lowered cost, another scheme', async () => {
    const stored = await hashPassword('tamper-proof-password');
    const other = await hashPassword('tamper-proof-password');
    const parts = stored.split('$');
    const otherSalt = other.split('$')[4] ?? '';
    expect(await verifyPassword('tamper-proof-password', tamperKey(stored))).toBe(false);
    expect(await verifyPassword('tamper-proof-password', [...parts.slice(0, 4), otherSalt, parts[5]].join('$'))).toBe(false);
    expect(await verifyPassword('tamper-proof-password', ['scrypt', '1024', ...parts.slice(2)].join('$'))).toBe(false);
    expect(await verifyPassword('tamper-proof-password', ['bcrypt', ...parts.slice(1)].join('$'))).toBe(false);
    expect(await verifyPassword('tamper-proof-password', parts.slice(0, 4).join('$'))).toBe(false);
  });

  // A login for an unknown username is checked against DUMMY_HASH (server/routes/auth.ts), so it
  // costs what a wrong password costs only if DUMMY_HASH is as expensive as a stored hash and is
  // not cut short as malformed: the same scheme, cost, salt and key sizes as a real hash.
  it('has a dummy hash with exactly the shape and cost of a real one, so unknown users take as long', async () => {
    const real = parse(await hashPassword('a real password'));
    expect(parse(DUMMY_HASH)).toEqual(real);
    expect(await verifyPassword('any password at all', DUMMY_HASH)).toBe(false);
  });
});
