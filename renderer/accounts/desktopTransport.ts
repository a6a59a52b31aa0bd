import type { MejaBridge } from '../../shared/ipc/contract';
import type { AccountsTransport } from './accountsClient';

/**
 * The desktop app's way to the account routes: the page may not reach the server (CSP
 * connect-src 'self') and holds no token, so the main process sends the request
 * (`users:request`) and hands the answer back as it came.
 */
export const createDesktopAccountsTransport = (bridge: MejaBridge): AccountsTransport => ({
  send: async (request) => {
    const answer = await bridge.invoke('users:request', request);
    // A refusal by the main process (signed out, bad args) is a fault of the page, not the server's word.
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.value;
  },
});
