import { randomUUID } from 'node:crypto';
import { percentile } from '../stats';
import type { TicketRef } from './generateDesk';

/*
 * What a console asks of the server on a big desk, timed from this process over loopback HTTP
 * (the server runs in its own process): searches, opening a ticket it does not hold, and its first
 * sync of the working set. Each time runs from `fetch` until the whole body is read.
 */

export type Timing = { p50: number; p95: number; max: number; runs: number };

export const timing = (times: readonly number[]): Timing => ({
  p50: percentile(times, 50),
  p95: percentile(times, 95),
  max: Math.max(...times),
  runs: times.length,
});

export const signIn = async (base: string, username: string, password: string): Promise<string> => {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`sign-in as ${username}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
};

type Answer = { ms: number; bytes: number; body: string };

const get = async (url: string, token: string): Promise<Answer> => {
  const started = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body = Buffer.from(await response.arrayBuffer());
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`${url}: ${response.status} ${body.toString('utf8').slice(0, 300)}`);
  return { ms, bytes: body.byteLength, body: body.toString('utf8') };
};

export type SearchQuery = { q: string; what: string };
export type SearchResult = SearchQuery & Timing & { shown: number; more: boolean };

/** Each query `warmup` times, then `runs` times, one request at a time: the first page (50 tickets). */
export const measureSearches = async (base: string, token: string, queries: readonly SearchQuery[], runs: number, warmup: number): Promise<SearchResult[]> => {
  const results: SearchResult[] = [];
  for (const query of queries) {
    const url = `${base}/api/tickets?q=${encodeURIComponent(query.q)}`;
    const times: number[] = [];
    let shown = 0;
    let more = false;
    for (let i = 0; i < warmup + runs; i += 1) {
      const answer = await get(url, token);
      if (i >= warmup) times.push(answer.ms);
      const page = JSON.parse(answer.body) as { tickets: unknown[]; next: string | null };
      shown = page.tickets.length;
      more = page.next !== null;
    }
    results.push({ ...query, ...timing(times), shown, more });
  }
  return results;
};

export type OpenResult = Timing & { events: number; bytes: number };

/** Opens tickets the user does not hold, each once (a new one every request), by id, with their timelines. */
export const measureOpens = async (base: string, token: string, tickets: readonly TicketRef[], warmup: number): Promise<OpenResult> => {
  const times: number[] = [];
  let events = 0;
  let bytes = 0;
  for (const [k, ticket] of tickets.entries()) {
    const answer = await get(`${base}/api/tickets/${encodeURIComponent(ticket.id)}`, token);
    const body = JSON.parse(answer.body) as { ticket: { id: string }; events: unknown[] };
    if (body.ticket.id !== ticket.id) throw new Error(`GET /api/tickets/${ticket.id} answered ticket ${body.ticket.id}`);
    if (k < warmup) continue;
    times.push(answer.ms);
    events += body.events.length;
    bytes += answer.bytes;
  }
  return { ...timing(times), events: events / times.length, bytes: bytes / times.length };
};

export type PullResult = {
  totalMs: number;
  pages: number;
  bytes: number;
  records: number;
  byEntity: Record<string, number>;
  page: Timing;
  /** Where the pull ended, and a live ticket it brought: what a catch-up starts from and changes. */
  cursor: string;
  liveTicket: string | null;
};

/**
 * A console's first sync of its working set: `scope=working` from no cursor, 1,000 a page,
 * counted on the first page only (as shared/sync/engine.ts asks), following `hasMore` to the end.
 * Pages one after another (the console asks for the next while it writes one; here nothing is written).
 */
export const measureScopedPull = async (base: string, token: string): Promise<PullResult> => {
  const started = performance.now();
  const byEntity: Record<string, number> = {};
  const pageTimes: number[] = [];
  let cursor: string | null = null;
  let counted = false;
  let liveTicket: string | null = null;
  let bytes = 0;
  let records = 0;
  for (;;) {
    const query = new URLSearchParams({ limit: '1000', scope: 'working', ...(counted ? { count: '0' } : {}), ...(cursor === null ? {} : { cursor }) });
    const answer = await get(`${base}/api/sync/pull?${query.toString()}`, token);
    const page = JSON.parse(answer.body) as {
      changes: Array<{ entity: string; id: string; data: { status?: string } | null }>;
      cursor: string;
      hasMore: boolean;
      remaining?: number;
    };
    pageTimes.push(answer.ms);
    bytes += answer.bytes;
    records += page.changes.length;
    for (const change of page.changes) {
      byEntity[change.entity] = (byEntity[change.entity] ?? 0) + 1;
      if (change.entity === 'ticket' && change.data?.status === 'open') liveTicket = change.id;
    }
    if (page.remaining !== undefined) counted = true;
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  return { totalMs: performance.now() - started, pages: pageTimes.length, bytes, records, byEntity, page: timing(pageTimes), cursor: cursor ?? '', liveTicket };
};

/**
 * What every console does after each change it hears of: a scoped pull from where it stood. Each
 * round pushes one note on a live ticket of the working set, then times the pull that brings it
 * (pages until `hasMore` is false), from the cursor the previous round ended at.
 */
export const measureCatchUps = async (base: string, token: string, from: PullResult, rounds: number): Promise<Timing & { records: number }> => {
  if (from.liveTicket === null) throw new Error('the first sync brought no open ticket to change');
  const times: number[] = [];
  let cursor = from.cursor;
  let records = 0;
  for (let round = 0; round < rounds; round += 1) {
    const pushed = await fetch(`${base}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        protocol: 1,
        clientId: 'bench-desk',
        mutations: [
          {
            id: randomUUID(),
            name: 'note:add',
            args: { id: randomUUID(), ticketId: from.liveTicket, body: `Catch-up round ${round}`, visibility: 'internal' },
          },
        ],
      }),
    });
    if (!pushed.ok) throw new Error(`push: ${pushed.status} ${await pushed.text()}`);
    const started = performance.now();
    for (let more = true; more;) {
      const answer = await get(`${base}/api/sync/pull?${new URLSearchParams({ limit: '500', scope: 'working', cursor }).toString()}`, token);
      const page = JSON.parse(answer.body) as { changes: unknown[]; cursor: string; hasMore: boolean };
      records += page.changes.length;
      cursor = page.cursor;
      more = page.hasMore;
    }
    times.push(performance.now() - started);
  }
  return { ...timing(times), records: records / rounds };
};
