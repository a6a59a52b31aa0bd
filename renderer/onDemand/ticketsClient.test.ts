import { describe, expect, it } from 'vitest';
import type { TicketsAnswer, TicketsRequest } from '../../shared/tickets/api';
import { makeTicket } from '../../tests/support/factories';
import { readServerTicket, searchServerTickets, type TicketsTransport } from './ticketsClient';

/** The network's side only: what came back for each request; the console's reading of it is under test. */
const answering = (answer: TicketsAnswer | Error) => {
  const asked: TicketsRequest[] = [];
  const transport: TicketsTransport = {
    send: async (request) => {
      asked.push(request);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  return { asked, transport };
};

const json = (status: number, body: unknown): TicketsAnswer => ({ kind: 'answered', status, body: JSON.stringify(body) });

describe('the ticket lookups as the console reads their answers', () => {
  it('reads a search page and asks for the next one with its cursor', async () => {
    const ticket = makeTicket();
    const { asked, transport } = answering(json(200, { tickets: [ticket], next: 'abc' }));
    expect(await searchServerTickets(transport, 'printer', null)).toEqual({ ok: true, value: { tickets: [ticket], next: 'abc' } });
    await searchServerTickets(transport, 'printer', 'abc');
    expect(asked).toEqual([
      { action: 'search', q: 'printer' },
      { action: 'search', q: 'printer', cursor: 'abc' },
    ]);
  });

  it('reads one ticket with its timeline', async () => {
    const ticket = makeTicket();
    const { asked, transport } = answering(json(200, { ticket, events: [], notes: [], sessions: [] }));
    expect(await readServerTicket(transport, ticket.code)).toEqual({ ok: true, value: { ticket, events: [], notes: [], sessions: [] } });
    expect(asked).toEqual([{ action: 'open', ref: ticket.code }]);
  });

  it('tells apart offline, a ticket the desk does not have, a refusal and an answer it cannot read', async () => {
    expect(await readServerTicket(answering({ kind: 'unreachable' }).transport, '12')).toEqual({ ok: false, failure: { kind: 'offline' } });
    expect(await readServerTicket(answering(json(404, { code: 'not_found', message: 'No ticket has this id, number or code.' })).transport, '12')).toEqual({
      ok: false,
      failure: { kind: 'notFound' },
    });
    expect(await searchServerTickets(answering(json(400, { code: 'invalid_cursor', message: 'The cursor is malformed.' })).transport, 'x', 'bad')).toEqual({
      ok: false,
      failure: { kind: 'refused', status: 400, code: 'invalid_cursor', message: 'The cursor is malformed.' },
    });
    expect(await searchServerTickets(answering(json(200, { tickets: 'none' })).transport, 'x', null)).toMatchObject({
      ok: false,
      failure: { kind: 'refused', code: 'bad_answer' },
    });
    expect(await readServerTicket(answering({ kind: 'answered', status: 200, body: '<html>' }).transport, '12')).toMatchObject({
      ok: false,
      failure: { kind: 'refused', code: 'bad_answer' },
    });
  });

  it('takes a refusal by the main process for a fault of the console, and a cancelled request for no answer', async () => {
    expect(await readServerTicket(answering(new Error('tickets:request: ref: an id, number or code')).transport, '../x')).toEqual({
      ok: false,
      failure: { kind: 'refused', status: 0, code: 'console_error', message: 'tickets:request: ref: an id, number or code' },
    });
    const controller = new AbortController();
    controller.abort();
    expect(await searchServerTickets(answering(json(200, { tickets: [], next: null })).transport, 'x', null, controller.signal)).toEqual({
      ok: false,
      failure: { kind: 'cancelled' },
    });
  });
});
