import type { AnyEntity } from '../../shared/sync/protocol';
import type { LedgerEntry } from './ledger';

export type ExactlyOnce = {
  queued: number;
  /** Queued by a console, never recorded by the server. */
  lost: string[];
  /** Refused on the server but not reported to its console, or the other way round. */
  misreported: string[];
  /** Records on the server whose count disagrees with the changes applied (a change applied twice, or half). */
  countMismatches: string[];
  /** Ticket numbers that are missing or repeated (numbers are gapless: each create applied once). */
  numberGaps: number;
};

const count = (ledger: Map<string, LedgerEntry>, name: string) => [...ledger.values()].filter((e) => e.status === 'applied' && e.name === name).length;

/**
 * Exactly once, from both ends: every change a console queued is in the server's ledger with the
 * outcome its console was told, and the server's records add up to the applied changes: one ticket
 * and one "created" event per create, one note per note, and no event from a change never applied.
 */
export const checkExactlyOnce = (
  consoles: ReadonlyArray<{ queued: readonly string[]; rejected: ReadonlySet<string> }>,
  ledger: Map<string, LedgerEntry>,
  server: Map<string, AnyEntity>,
): ExactlyOnce => {
  const lost: string[] = [];
  const misreported: string[] = [];
  let queued = 0;
  for (const console of consoles) {
    for (const id of console.queued) {
      queued += 1;
      const entry = ledger.get(id);
      if (entry === undefined) lost.push(id);
      else if ((entry.status === 'rejected') !== console.rejected.has(id)) misreported.push(id);
    }
  }
  const records = [...server.entries()];
  const tickets = records.filter(([key]) => key.startsWith('ticket/')).map(([, r]) => r as { number: number | null });
  const notes = records.filter(([key]) => key.startsWith('note/')).length;
  const events = records.filter(([key]) => key.startsWith('event/')).map(([, r]) => r as { id: string; type: string });
  const countMismatches: string[] = [];
  const expect = (what: string, actual: number, wanted: number) => {
    if (actual !== wanted) countMismatches.push(`${what}: ${actual}, expected ${wanted}`);
  };
  expect('tickets', tickets.length, count(ledger, 'ticket:create'));
  expect('"created" events', events.filter((e) => e.type === 'created').length, count(ledger, 'ticket:create'));
  expect('notes', notes, count(ledger, 'note:add'));
  expect('"note_added" events', events.filter((e) => e.type === 'note_added').length, count(ledger, 'note:add'));
  expect('events of changes not applied', events.filter((e) => ledger.get(e.id.split(':')[0] ?? '')?.status !== 'applied').length, 0);
  const numbers = tickets.map((t) => t.number ?? 0).sort((a, b) => a - b);
  const numberGaps = numbers.filter((n, i) => n !== i + 1).length;
  return { queued, lost, misreported, countMismatches, numberGaps };
};

const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
};

/** Each record as a string that ignores key order, to compare many caches with one server state. */
export const canonicalState = (state: Map<string, AnyEntity>): Map<string, string> => new Map([...state].map(([key, record]) => [key, canonical(record)]));

/** The first difference between a console's cache and the server's state, or null when they are equal. */
export const firstDifference = (cache: Map<string, AnyEntity>, server: Map<string, string>): string | null => {
  for (const [key, record] of server) {
    const cached = cache.get(key);
    if (cached === undefined) return `${key} is missing`;
    if (canonical(cached) !== record) return `${key} differs`;
  }
  for (const key of cache.keys()) if (!server.has(key)) return `${key} is not on the server`;
  return null;
};
