import { ticketsHttpRequest } from '../../shared/tickets/api';
import { pageSessionStorage } from '../app/services';
import { createWebCredentials } from '../signIn/credentials';
import type { TicketsTransport } from './ticketsClient';

/** The web console asks its own origin with the signed-in token, read from where the session keeps it. */
export const createWebTicketsTransport = (): TicketsTransport => {
  const credentials = createWebCredentials(pageSessionStorage());
  return {
    send: async (request, signal) => {
      const { method, path } = ticketsHttpRequest(request);
      const token = credentials.load()?.token ?? null;
      let response: Response;
      try {
        response = await window.fetch(path, {
          method,
          headers: token === null ? {} : { authorization: `Bearer ${token}` },
          ...(signal === undefined ? {} : { signal }),
        });
      } catch (error) {
        // A cancelled request is the caller's doing; any other rejection means no answer came.
        if (signal?.aborted === true) throw error;
        return { kind: 'unreachable' };
      }
      return { kind: 'answered', status: response.status, body: await response.text() };
    },
  };
};
