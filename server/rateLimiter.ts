/**
 * Token buckets per key (a client address): each holds at most `perMinute` tokens and refills
 * continuously at that rate, so a burst of `perMinute` lookups is allowed, then one every
 * 60/perMinute seconds. Memory stays bounded: a bucket that has refilled completely holds no
 * information and is dropped by the periodic sweep, and past `maxKeys` the least recently used
 * key is evicted (it merely gets a fresh, full bucket if it comes back).
 */
export type RateLimiter = {
  /**
   * Takes one token for `key`: ok, or how many whole seconds until the next token. `first` marks
   * the first refusal of a spell: the key had not been refused since its bucket was last full (so
   * a flood of refusals can be recorded once, not once per request).
   */
  take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number; first: boolean };
  /** Gives back one token taken for `key` (never above `perMinute`), when what it paid for should not count. */
  refund(key: string): void;
  /** Keys currently tracked (tests check the bound). */
  size(): number;
};

export type RateLimiterOptions = {
  perMinute: number;
  maxKeys?: number;
  /** Milliseconds; a test clock may be injected. */
  now?: () => number;
};

/** `refused`: refused since the bucket was last full (a full bucket holds no information, refusals included). */
type Bucket = { tokens: number; at: number; refused: boolean };

const MINUTE_MS = 60_000;

export const createRateLimiter = ({ perMinute, maxKeys = 10_000, now = Date.now }: RateLimiterOptions): RateLimiter => {
  if (!Number.isInteger(perMinute) || perMinute < 1) throw new Error(`The rate must be a whole number of at least 1 a minute, not ${perMinute}.`);
  const perMs = perMinute / MINUTE_MS;
  // A Map iterates in insertion order; re-inserting on use makes its first key the least recently used.
  const buckets = new Map<string, Bucket>();
  let lastSweep = now();

  const refilled = (bucket: Bucket, at: number): number => Math.min(perMinute, bucket.tokens + (at - bucket.at) * perMs);

  const sweep = (at: number) => {
    lastSweep = at;
    for (const [key, bucket] of buckets) if (refilled(bucket, at) >= perMinute) buckets.delete(key);
  };

  return {
    take: (key) => {
      const at = now();
      // A full refill takes one minute, so sweeping once a minute is enough to drop every idle key.
      if (at - lastSweep >= MINUTE_MS) sweep(at);
      const existing = buckets.get(key);
      const tokens = existing === undefined ? perMinute : refilled(existing, at);
      const refused = existing !== undefined && tokens < perMinute && existing.refused;
      buckets.delete(key);
      if (tokens < 1) {
        buckets.set(key, { tokens, at, refused: true });
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)), first: !refused };
      }
      buckets.set(key, { tokens: tokens - 1, at, refused });
      if (buckets.size > maxKeys) {
        const oldest = buckets.keys().next();
        if (oldest.done !== true) buckets.delete(oldest.value);
      }
      return { ok: true };
    },
    refund: (key) => {
      // An untracked key has a full bucket already (swept or evicted): nothing to give back.
      const bucket = buckets.get(key);
      if (bucket === undefined) return;
      const at = now();
      buckets.set(key, { tokens: Math.min(perMinute, refilled(bucket, at) + 1), at, refused: bucket.refused });
    },
    size: () => buckets.size,
  };
};

/**
 * The key to count a client address under. One IPv6 host usually holds a whole /64 and could
 * take a fresh address for every lookup, so IPv6 addresses count per /64; IPv4 (also mapped
 * into IPv6) per address.
 */
export const addressKey = (ip: string): string => {
  const address = ip.split('%')[0] ?? ip;
  if (!address.includes(':') || /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(address)) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = address.includes('::') ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
};
