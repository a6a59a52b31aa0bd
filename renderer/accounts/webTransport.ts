import { usersHttpRequest } from '../../shared/users/api';
import { pageSessionStorage } from '../app/services';
import { createWebCredentials } from '../signIn/credentials';
import type { AccountsTransport } from './accountsClient';

/** The web console asks its own origin with the signed-in token, read from where the session keeps it. */
export const createWebAccountsTransport = (): AccountsTransport => {
  const credentials = createWebCredentials(pageSessionStorage());
  return {
    send: async (request) => {
      const { method, path, body } = usersHttpRequest(request);
      const token = credentials.load()?.token ?? null;
      const headers: Record<string, string> = token === null ? {} : { authorization: `Bearer ${token}` };
      if (body !== null) headers['content-type'] = 'application/json';
      let response: Response;
      try {
        response = await window.fetch(path, { method, headers, ...(body === null ? {} : { body }) });
      } catch {
        // fetch rejects only when no answer came: offline, or the server is down.
        return { kind: 'unreachable' };
      }
      return { kind: 'answered', status: response.status, body: await response.text() };
    },
  };
};
