import { describe, expect, it } from 'vitest';
import { requestArgs } from '../../shared/ipc/contract';
import type { TicketsAnswer } from '../../shared/tickets/api';
import { makeTicket } from '../../tests/support/factories';
import { makeStandInBridge } from '../desktop/standInBridge';
import { createDesktopTicketsTransport } from './desktopTransport';
import { readServerTicket, searchServerTickets } from './ticketsClient';

/** A main process whose server answers `answer` for every ticket lookup, checked against the contract. */
const mainAnswering = (answer: () => TicketsAnswer) =>
  makeStandInBridge({
    'tickets:request': (args) => {
      requestArgs['tickets:request'].parse(args);
      return answer();
    },
  });

describe('the desktop ticket lookups', () => {
  it('ask the main process with tickets:request, in the contract’s shape, and read its answer', async () => {
    const ticket = makeTicket();
    const main = mainAnswering(() => ({ kind: 'answered', status: 200, body: JSON.stringify({ tickets: [ticket], next: null }) }));
    const transport = createDesktopTicketsTransport(main.bridge);
    expect(await searchServerTickets(transport, 'plotter', 'abc')).toEqual({ ok: true, value: { tickets: [ticket], next: null } });
    expect(main.calls).toEqual([{ channel: 'tickets:request', args: { action: 'search', q: 'plotter', cursor: 'abc' } }]);
  });

  it('take unreachable for offline, and a refusal by the main process for a fault of the console', async () => {
    expect(await readServerTicket(createDesktopTicketsTransport(mainAnswering(() => ({ kind: 'unreachable' })).bridge), '12')).toEqual({
      ok: false,
      failure: { kind: 'offline' },
    });
    // The contract refuses a reference that would leave its path segment; the page hears why.
    const refused = await readServerTicket(createDesktopTicketsTransport(mainAnswering(() => ({ kind: 'unreachable' })).bridge), '../users');
    expect(refused).toMatchObject({ ok: false, failure: { kind: 'refused', status: 0, code: 'console_error' } });
  });
});
