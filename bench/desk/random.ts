import type { Weighted } from './vocabulary';

export type Random = () => number;

/** A 32-bit mix of numbers (murmur3's finaliser over each), so nearby tickets get unrelated streams. */
const mix = (...values: number[]): number => {
  let h = 0x9e3779b1;
  for (const value of values) {
    h = Math.imul(h ^ (value >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
};

/**
 * sfc32: 128 bits of state, so the streams of a million tickets do not run into one another (a
 * 32-bit generator's streams would: its seeds are points on one cycle of 2^32).
 */
const sfc32 = (seeds: readonly [number, number, number, number]): Random => {
  let [a, b, c, d] = seeds;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4_294_967_296;
  };
  for (let i = 0; i < 12; i += 1) next();
  return next;
};

/**
 * Random streams of one ticket: the same (seed, ticket, stream) gives the same numbers, so the
 * generator can plan the desk in one pass and write it in another (bench/desk/generateDesk.ts).
 */
export const ticketRandom = (seed: number, ticket: number, stream: number): Random =>
  sfc32([mix(seed, ticket, stream, 1), mix(seed, ticket, stream, 2), mix(seed, ticket, stream, 3), mix(seed, ticket, stream, 4)]);

export const pick = <T>(random: Random, items: readonly T[]): T => {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
};

export const pickWeighted = <T>(random: Random, items: ReadonlyArray<Weighted<T>>): T => {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [item, weight] of items) {
    roll -= weight;
    if (roll < 0) return item;
  }
  const last = items[items.length - 1];
  if (last === undefined) throw new Error('pick from an empty list');
  return last[0];
};

/** An exponentially distributed duration with this mean, at least `min`. */
export const exponential = (random: Random, mean: number, min = 60_000): number => Math.max(min, Math.floor(-Math.log(1 - random()) * mean));

/**
 * A UUID-shaped id (version 4 layout, as a console's `crypto.randomUUID()` makes them) whose last
 * twelve hex digits are `serial`: distinct serials give distinct ids, whatever the random part.
 */
export const uuidFrom = (random: Random, serial: number): string => {
  const hex = (count: number) => {
    let out = '';
    for (let i = 0; i < count; i += 1) out += Math.floor(random() * 16).toString(16);
    return out;
  };
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(random() * 4)] ?? '8'}${hex(3)}-${serial.toString(16).padStart(12, '0')}`;
};

/** Serials of ids: a ticket's own at `ticket * 256`, its mutations, notes and sessions after it; staff far above. */
export const ticketSerial = (ticket: number, k: number): number => ticket * 256 + k;
export const staffSerial = (n: number): number => 2 ** 47 + n;

/**
 * Chooses exactly `wanted` of `total` items met one at a time, each with the same chance
 * (selection sampling, Knuth's algorithm S): the n-th call says whether the n-th item is chosen.
 */
export const exactSample = (random: Random, wanted: number, total: number): (() => boolean) => {
  let seen = 0;
  let chosen = 0;
  return () => {
    const take = (total - seen) * random() < wanted - chosen;
    seen += 1;
    if (take) chosen += 1;
    return take;
  };
};
