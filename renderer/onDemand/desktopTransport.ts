import type { MejaBridge } from '../../shared/ipc/contract';
import type { TicketsTransport } from './ticketsClient';

/**
 * The desktop app's way to the ticket lookups: the page may not reach the server (CSP
 * connect-src 'self') and holds no token, so the main process sends the request
 * (`tickets:request`) and hands the answer back as it came. An IPC call cannot be cancelled: the
 * caller drops an answer it no longer wants.
 */
export const createDesktopTicketsTransport = (bridge: MejaBridge): TicketsTransport => ({
  send: async (request) => {
    const answer = await bridge.invoke('tickets:request', request);
    // A refusal by the main process (signed out, bad args) is a fault of the page, not the server's word.
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.value;
  },
});
