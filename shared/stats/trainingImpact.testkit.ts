import { WEEK_MS } from './period';
import { requesterKey } from './requester';

/**
 * Test support: a hand-built desk around one vpn class, shared by the reference's tests and the
 * SQL parity tests. Two weeks on each side. Attendees Ada and Budi; comparison Citra, Dewi and
 * Eko (each has a vpn ticket in the two weeks before). Per week, before | after:
 *   Ada   4 3 | 1 1      Citra 2 2 | 2 1
 *   Budi  2 3 | 1 0      Dewi  1 2 | 1 1
 *                       Eko   0 2 | 1 0
 *   attendees 6 6 | 2 1  comparison 3 6 | 4 2
 * Names are spelt differently from ticket to ticket, as callers give them.
 */

/** A Wednesday: its ISO week starts Monday 16 March, which neither side counts. */
export const CLASS_AT = '2026-03-18T10:00:00.000Z';
export const CLASS_WEEK = '2026-03-16T00:00:00.000Z';
/** Two weeks before the class week. */
export const BEFORE_FROM = '2026-03-02T00:00:00.000Z';
/** The Monday after the class week. */
export const AFTER_FROM = '2026-03-23T00:00:00.000Z';
/** Long after both weeks after the class have ended. */
export const LATER = '2026-05-01T00:00:00.000Z';

export type DeskCall = { requester: { name: string; contact: string | null }; category: string; createdAt: string };

const SPELLINGS = [(n: string) => n, (n: string) => ` ${n.toUpperCase()}`, (n: string) => `${n.toLowerCase()}  `];

/** The requester key of the desk's person `name` (whatever spelling the tickets use). */
export const deskKey = (name: string): string => requesterKey({ requester: { name, contact: 'ext. 1' } });

export const plus = (iso: string, ms: number): string => new Date(Date.parse(iso) + ms).toISOString();

export const call = (name: string, category: string, createdAt: string, spelling = 0): DeskCall => ({
  requester: { name: (SPELLINGS[spelling % SPELLINGS.length] ?? String)(name), contact: spelling % 2 === 0 ? 'ext. 1' : 'EXT. 1 ' },
  category,
  createdAt,
});

/** `perWeek[w]` calls in `category` from `name` in week w from `from`: Tuesdays from 09:00, an hour apart. */
export const weekly = (name: string, from: string, perWeek: readonly number[], category = 'vpn'): DeskCall[] =>
  perWeek.flatMap((n, w) => Array.from({ length: n }, (_, i) => call(name, category, plus(from, w * WEEK_MS + (33 + i) * 3_600_000), w + i)));

export const impactDesk = (): DeskCall[] => [
  ...weekly('Ada', BEFORE_FROM, [4, 3]),
  ...weekly('Ada', AFTER_FROM, [1, 1]),
  ...weekly('Budi', BEFORE_FROM, [2, 3]),
  ...weekly('Budi', AFTER_FROM, [1, 0]),
  ...weekly('Citra', BEFORE_FROM, [1, 2]),
  call('Citra', 'vpn', BEFORE_FROM), // the first instant of the before side counts: Citra's week 0 is 2
  ...weekly('Citra', AFTER_FROM, [2, 1]),
  ...weekly('Dewi', BEFORE_FROM, [1, 2]),
  ...weekly('Dewi', AFTER_FROM, [1, 1]),
  ...weekly('Eko', BEFORE_FROM, [0, 2]),
  ...weekly('Eko', AFTER_FROM, [1, 0]),
  // None of these count:
  call('Citra', 'vpn', plus(BEFORE_FROM, -1)), // a millisecond before the before side
  call('Citra', 'vpn', plus(AFTER_FROM, 2 * WEEK_MS)), // the first instant after the after side
  call('Ada', 'vpn', '2026-03-17T09:00:00.000Z'), // in the class week
  call('Ada', 'email', '2026-03-03T09:00:00.000Z'), // another category
  ...weekly('Fajar', AFTER_FROM, [3, 3]), // vpn only after the class: not in the comparison group
  ...weekly('Gita', BEFORE_FROM, [2, 2], 'email'), // calls before, but not about vpn: not either
];

/** The class: Ada (named three ways, counted once) and Budi attended. */
export const adaAndBudi = { topic: 'vpn', startsAt: CLASS_AT, attendeeKeys: [deskKey(' ADA '), deskKey('budi'), deskKey('Ada')] };
