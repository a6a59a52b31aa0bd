import { createAuthApi, type AuthApi } from '../session/authApi';
import { createWebCredentials, type Credentials } from '../session/credentials';
import { openWebWorkspace } from '../sync/openWorkspace';
import type { SessionServices } from './sessionSlice';

const sessionStorageOrNull = (): Storage | null => {
  try {
    return window.sessionStorage;
  } catch {
    // Storage can be disabled by policy; the session then lasts until the page reloads.
    return null;
  }
};

/**
 * The web console's session: the server's session endpoints on the page's own origin and the
 * token in `credentials`. `openWorkspace` is a parameter so tests can give a workspace of their own.
 */
export const createWebSessionServices = (
  auth: AuthApi,
  credentials: Credentials,
  openWorkspace: SessionServices['openWorkspace'] = (user) => openWebWorkspace(user, credentials.token),
): SessionServices => ({
  signIn: async (username, password) => {
    const result = await auth.login(username, password);
    if (!result.ok) return result;
    credentials.save(result.value);
    return { ok: true, value: result.value.user };
  },
  restore: async () => {
    const stored = credentials.load();
    if (stored === null) return null;
    return {
      user: stored.user,
      check: async () => {
        const answer = await auth.me(stored.token);
        if (answer.ok) {
          credentials.save({ token: stored.token, user: answer.value });
          return { kind: 'valid', user: answer.value };
        }
        return answer.error.kind === 'invalid' ? { kind: 'ended' } : { kind: 'unknown' };
      },
    };
  },
  signOut: async (kind) => {
    const token = credentials.token();
    credentials.clear();
    if (token !== null && kind === 'user') await auth.logout(token);
  },
  openWorkspace,
});

/** The web console's services: the page's own origin, its fetch, and sessionStorage for the token. */
export const createWebServices = (): SessionServices =>
  createWebSessionServices(createAuthApi('', window.fetch.bind(window)), createWebCredentials(sessionStorageOrNull()));
