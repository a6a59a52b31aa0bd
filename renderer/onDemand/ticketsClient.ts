import type { TicketPage, TicketsAnswer, TicketsRequest, TicketWithTimeline } from '../../shared/tickets/api';
import { serverRefusal } from '../app/serverRefusal';
import { isRecord, parseJsonOrNull } from '../../shared/json';

/**
 * The way to the server's ticket lookups: the page's own fetch on the web, the main process on
 * the desktop (`tickets:request`). `signal` cancels a request nobody waits for any more; a
 * transport that cannot cancel lets it run and the caller drops its answer.
 */
export type TicketsTransport = { send(request: TicketsRequest, signal?: AbortSignal): Promise<TicketsAnswer> };

/**
 * Why a lookup brought nothing: `offline` when the server could not be asked, `notFound` for a
 * ticket the desk does not have, `refused` with the server's code and message otherwise (also a
 * fault of the console's own, status 0), `cancelled` for a request dropped on purpose.
 */
export type LookupFailure =
  { kind: 'offline' } | { kind: 'notFound' } | { kind: 'cancelled' } | { kind: 'refused'; status: number; code: string; message: string };

export type LookupResult<T> = { ok: true; value: T } | { ok: false; failure: LookupFailure };

// The server is trusted for the records' fields, as sync trusts them; only the envelope is checked.
const pickPage = (body: unknown): TicketPage | null =>
  isRecord(body) && Array.isArray(body.tickets) && (body.next === null || typeof body.next === 'string') ? (body as TicketPage) : null;

const pickTicket = (body: unknown): TicketWithTimeline | null =>
  isRecord(body) && isRecord(body.ticket) && Array.isArray(body.events) && Array.isArray(body.notes) && Array.isArray(body.sessions)
    ? (body as TicketWithTimeline)
    : null;

const isAbort = (error: unknown): boolean => error instanceof DOMException && error.name === 'AbortError';

const send = async <T>(
  transport: TicketsTransport,
  request: TicketsRequest,
  pick: (body: unknown) => T | null,
  signal?: AbortSignal,
): Promise<LookupResult<T>> => {
  let answer: TicketsAnswer;
  try {
    answer = await transport.send(request, signal);
  } catch (error) {
    if (isAbort(error) || signal?.aborted === true) return { ok: false, failure: { kind: 'cancelled' } };
    // The main process refused the request itself (signed out, bad args): a fault of the console.
    return { ok: false, failure: { kind: 'refused', status: 0, code: 'console_error', message: error instanceof Error ? error.message : String(error) } };
  }
  if (signal?.aborted === true) return { ok: false, failure: { kind: 'cancelled' } };
  if (answer.kind === 'unreachable') return { ok: false, failure: { kind: 'offline' } };
  if (answer.status === 404) return { ok: false, failure: { kind: 'notFound' } };
  if (answer.status !== 200) return { ok: false, failure: { kind: 'refused', status: answer.status, ...serverRefusal(answer.status, answer.body) } };
  const value = pick(parseJsonOrNull(answer.body));
  return value === null
    ? { ok: false, failure: { kind: 'refused', status: answer.status, code: 'bad_answer', message: 'The server sent an answer the console cannot read.' } }
    : { ok: true, value };
};

/** A page of the server's search (`GET /api/tickets?q=`); `cursor` is the previous page's `next`. */
export const searchServerTickets = (transport: TicketsTransport, q: string, cursor: string | null, signal?: AbortSignal): Promise<LookupResult<TicketPage>> =>
  send(transport, { action: 'search', q, ...(cursor === null ? {} : { cursor }) }, pickPage, signal);

/**
 * One ticket with its timeline by id, number or code (`GET /api/tickets/<ref>`). The server
 * records the opening: the ticket joins this user's working set and the next sync brings it.
 */
export const readServerTicket = (transport: TicketsTransport, ref: string, signal?: AbortSignal): Promise<LookupResult<TicketWithTimeline>> =>
  send(transport, { action: 'open', ref }, pickTicket, signal);
