import type { PublicUser } from '../../shared/domain/records';
import type { Result } from '../../shared/result';
import type { SignInError } from './signInError';

/**
 * Why a sign-in or a session check failed: `network`, the server could not be asked; `unencrypted`, the
 * desktop app would not send the password over plain http unallowed; `sessionEnded`, the server no
 * longer accepts the token.
 */
export type AuthError = SignInError;

export type AuthApi = {
  login(username: string, password: string): Promise<Result<{ token: string; user: PublicUser }, AuthError>>;
  /** Who the token belongs to; `sessionEnded` when the server no longer accepts it. */
  me(token: string): Promise<Result<PublicUser, AuthError>>;
  logout(token: string): Promise<void>;
};

type Fetch = typeof fetch;

const messageOf = async (response: Response): Promise<string | null> => {
  try {
    const body = (await response.json()) as { message?: unknown };
    return typeof body.message === 'string' ? body.message : null;
  } catch {
    return null;
  }
};

const unreachable = (): AuthError => ({ code: 'network' });

// The server answers either the user itself or `{ user }`; accept both.
const userOf = (body: unknown): PublicUser | null => {
  if (typeof body !== 'object' || body === null) return null;
  const candidate = 'user' in body ? (body as { user: unknown }).user : body;
  return typeof candidate === 'object' && candidate !== null && typeof (candidate as { id?: unknown }).id === 'string' ? (candidate as PublicUser) : null;
};

/** The session endpoints of the Meja server, at `baseUrl` ('' for the page's own origin). */
export const createAuthApi = (baseUrl: string, fetchImpl: Fetch): AuthApi => ({
  login: async (username, password) => {
    let response: Response;
    try {
      response = await fetchImpl(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
    } catch {
      return { ok: false, error: unreachable() };
    }
    if (response.status === 401 || response.status === 403) {
      return { ok: false, error: { code: 'invalid' } };
    }
    if (!response.ok) return { ok: false, error: { code: 'refused', status: response.status, message: await messageOf(response) } };
    const body = (await response.json()) as { token?: unknown; user?: unknown };
    const user = userOf({ user: body.user });
    if (typeof body.token !== 'string' || user === null) {
      return { ok: false, error: { code: 'unexpected' } };
    }
    return { ok: true, value: { token: body.token, user } };
  },
  me: async (token) => {
    let response: Response;
    try {
      response = await fetchImpl(`${baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    } catch {
      return { ok: false, error: unreachable() };
    }
    if (response.status === 401) return { ok: false, error: { code: 'sessionEnded' } };
    if (!response.ok) return { ok: false, error: { code: 'refused', status: response.status, message: await messageOf(response) } };
    const user = userOf(await response.json());
    return user === null ? { ok: false, error: { code: 'unexpected' } } : { ok: true, value: user };
  },
  logout: async (token) => {
    try {
      await fetchImpl(`${baseUrl}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    } catch {
      // Offline: the token is forgotten locally; the server lets it expire.
    }
  },
});
