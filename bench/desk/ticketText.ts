import { CODE_ALPHABET } from '../../shared/domain/ticketCode';
import { pick, pickWeighted, type Random } from './random';
import {
  APPS,
  CATEGORIES,
  DEPARTMENTS,
  FIRST_NAMES,
  LAST_NAMES,
  NOTES,
  RESOLUTIONS,
  ROOMS,
  SERVERS,
  SESSION_STEPS,
  SHARES,
  SITES,
  SMTP_ERRORS,
  TAGS,
  VPN_ERRORS,
} from './vocabulary';

/** What a caller reports, as a technician types it into the new-ticket form. */
export type TicketText = { category: string; title: string; description: string; requester: { name: string; contact: string } };

const digits = (random: Random, count: number): string => String(Math.floor(random() * 10 ** count)).padStart(count, '0');

const fillers: Readonly<Record<string, (random: Random) => string>> = {
  app: (random) => pick(random, APPS),
  dept: (random) => pick(random, DEPARTMENTS),
  site: (random) => pick(random, SITES),
  room: (random) => pick(random, ROOMS),
  server: (random) => pick(random, SERVERS),
  share: (random) => pick(random, SHARES),
  smtp: (random) => pick(random, SMTP_ERRORS),
  vpn: (random) => pick(random, VPN_ERRORS),
  floor: (random) => String(1 + Math.floor(random() * 12)),
  desk: (random) => `${1 + Math.floor(random() * 12)}-${digits(random, 2)}`,
  asset: (random) => `LT-${digits(random, 5)}`,
  printer: (random) => `PRN-${pick(random, SITES).slice(0, 3).toUpperCase()}-${digits(random, 2)}`,
  ext: (random) => digits(random, 4),
  tcode: (random) => pick(random, ['ME21N', 'MIRO', 'FB60', 'VA01', 'MIGO', 'F110']),
  po: (random) => `45${digits(random, 8)}`,
  person: (random) => pick(random, FIRST_NAMES),
};

/** The template with each `{slot}` filled; a slot used twice gets one value. */
const fill = (random: Random, template: string, values: Map<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (_, slot: string) => {
    const known = values.get(slot);
    if (known !== undefined) return known;
    const filler = fillers[slot];
    if (filler === undefined) throw new Error(`no filler for {${slot}}`);
    const value = filler(random);
    values.set(slot, value);
    return value;
  });

/** Requester `n` of the desk's staff: a fixed name and company address per number. */
export const requesterOf = (n: number): { name: string; contact: string } => {
  const first = FIRST_NAMES[n % FIRST_NAMES.length] ?? 'Andi';
  const last = LAST_NAMES[Math.floor(n / FIRST_NAMES.length) % LAST_NAMES.length] ?? 'Santoso';
  const suffix = n >= FIRST_NAMES.length * LAST_NAMES.length ? String(Math.floor(n / (FIRST_NAMES.length * LAST_NAMES.length))) : '';
  return { name: `${first} ${last}${suffix}`, contact: `${first}.${last}${suffix}@nusantara-group.co.id`.toLowerCase() };
};

/** Category, title, description and requester; requesters skewed so a few call often. */
export const ticketText = (random: Random, requesters: number): TicketText => {
  const category = pickWeighted(random, CATEGORIES);
  const template = pickWeighted(random, category.titles);
  const values = new Map<string, string>();
  return {
    category: category.name,
    title: fill(random, template.title, values),
    description: fill(random, template.description, values),
    requester: requesterOf(Math.floor(requesters * random() ** 2.5)),
  };
};

export const resolutionText = (random: Random, category: string): string => pick(random, RESOLUTIONS[category] ?? RESOLUTIONS.other ?? ['Done.']);

export const noteText = (random: Random): string => fill(random, pick(random, NOTES), new Map());

export const tagsToAdd = (random: Random): string[] => [pick(random, TAGS), ...(random() < 0.3 ? [pick(random, TAGS)] : [])];

export const sessionStepTexts = (random: Random): string[] => [SESSION_STEPS[0], ...(random() < 0.7 ? [pick(random, SESSION_STEPS.slice(1))] : [])];

export const assetTag = (random: Random): string => `LT-${digits(random, 5)}`;

const CODE_BITS = 40n;
const CODE_MASK = (1n << CODE_BITS) - 1n;
// Odd, so multiplying by it modulo 2^40 is a bijection: every ticket number gets its own code.
const CODE_FACTOR = 0x9e3779b97fn;
const CODE_OFFSET = 0x5a17c0de5n;

/** A caller code for ticket `i`, distinct for every i below 2^40 and scattered like random ones. */
export const codeOfTicket = (i: number): string => {
  let value = (BigInt(i) * CODE_FACTOR + CODE_OFFSET) & CODE_MASK;
  let out = '';
  for (let k = 0; k < 8; k += 1) {
    out = (CODE_ALPHABET[Number(value & 31n)] ?? '0') + out;
    value >>= 5n;
  }
  return `${out.slice(0, 4)}-${out.slice(4)}`;
};
