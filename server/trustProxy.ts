import { isIP } from 'node:net';

/**
 * The names proxy-addr (Fastify's `trustProxy`) knows for whole ranges: `loopback` (127.0.0.0/8,
 * ::1), `linklocal` (169.254.0.0/16, fe80::/10) and `uniquelocal` (10/8, 172.16/12, 192.168/16,
 * fc00::/7).
 */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

const describeEntry = (entry: string): string | null => {
  if (NAMED_RANGES.has(entry)) return null;
  const slash = entry.indexOf('/');
  const address = slash === -1 ? entry : entry.slice(0, slash);
  const family = isIP(address);
  if (family === 0) return 'not an IP address, a CIDR range or one of loopback, linklocal, uniquelocal';
  if (slash === -1) return null;
  const prefix = entry.slice(slash + 1);
  const max = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) < 1 || Number(prefix) > max) return `the prefix length must be a whole number from 1 to ${max}`;
  return null;
};

/**
 * MEJA_TRUST_PROXY: the reverse proxies (addresses, CIDR ranges, or proxy-addr's range names)
 * whose `X-Forwarded-For` and `X-Forwarded-Proto` the server believes. Empty or unset: none, so the
 * client address is the socket's and nobody can claim another one.
 *
 * With a list, Fastify (proxy-addr) walks from the socket's address leftwards through
 * `X-Forwarded-For` and stops at the first address that is not a trusted proxy: the client is the
 * rightmost untrusted address. What a client writes into the header itself lies left of that and
 * is never read.
 *
 * Refused here rather than passed on: `true`, `*` and hop counts (they would believe any sender,
 * or the client's own header), netmask notation and prefix 0 (a /0 trusts every address), so a
 * typo stops start-up instead of trusting the wrong machines.
 */
export const parseTrustProxy = (value: string | undefined): string[] | null => {
  if (value === undefined || value.trim() === '') return null;
  const entries = value.split(',').map((entry) => entry.trim());
  const problems: string[] = [];
  for (const entry of entries) {
    if (entry === '') {
      problems.push('an empty entry (two commas in a row, or one at an end)');
      continue;
    }
    const problem = describeEntry(entry);
    if (problem !== null) problems.push(`${JSON.stringify(entry)}: ${problem}`);
  }
  if (problems.length > 0) {
    throw new Error(
      `MEJA_TRUST_PROXY must list the addresses or CIDR ranges of your reverse proxies, separated by commas (e.g. 127.0.0.1,10.0.0.0/8): ${problems.join('; ')}.`,
    );
  }
  return [...new Set(entries)];
};
