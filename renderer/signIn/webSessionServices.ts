import type { SessionServices } from '../app/sessionSlice';
import type { AuthApi } from './authApi';
import type { Credentials } from './credentials';

/**
 * The web console's session: the server's session endpoints on the page's own origin and the
 * token in `credentials`. `openWorkspace` is a parameter so tests can give a workspace of their
 * own, and so this file needs no window.
 */
export const createWebSessionServices = (auth: AuthApi, credentials: Credentials, openWorkspace: SessionServices['openWorkspace']): SessionServices => ({
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
        return answer.error.code === 'sessionEnded' ? { kind: 'ended' } : { kind: 'unknown' };
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
