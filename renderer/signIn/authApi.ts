import type { PublicUser } from '../../shared/domain/records';
import type { Result } from '../../shared/result';
import { AUTH_MESSAGES } from './authMessages';

/**
 * Why a sign-in or a session check failed; `network` means the server could not be asked,
 * `unencrypted` that the desktop app would not send the password over plain http unallowed.
 */
export type AuthError = { kind: 'invalid' | 'network' | 'server' | 'unencrypted'; message: string };

export type AuthApi = {
  login(username: string, password: string): Promise<Result<{ token: string; user: PublicUser }, AuthError>>;
  /** Who the token belongs to; `invalid` when the server no longer accepts it. */
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

const unreachable = (): AuthError => ({ kind: 'network', message: AUTH_MESSAGES.network });

// The server answers either the user itself or `{ user }`; accept both.
const userOf = (body: unknown): PublicUser | null => {
  if (typeof body !== 'object' || body === null) return null;
  const candidate = 'user' in body ? (body as { user: unknown }).user : body;
  return typeof candidate === 'object' && candidate !== null && typeof (candidate as { id?: unknown }).id === 'string'
    ? (candidate as PublicUser)
    : null;
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
      return { ok: false, error: { kind: 'invalid', message: AUTH_MESSAGES.invalid } };
    }
    if (!response.ok) {
      const message = (await messageOf(response)) ?? `The server answered ${response.status}.`;
      return { ok: false, error: { kind: response.status >= 500 ? 'server' : 'invalid', message } };
    }
    const body = (await response.json()) as { token?: unknown; user?: unknown };
    const user = userOf({ user: body.user });
    if (typeof body.token !== 'string' || user === null) {
      return { ok: false, error: { kind: 'server', message: AUTH_MESSAGES.unexpected } };
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
    if (response.status === 401) return { ok: false, error: { kind: 'invalid', message: AUTH_MESSAGES.sessionEnded } };
    if (!response.ok) return { ok: false, error: { kind: 'server', message: `The server answered ${response.status}.` } };
    const user = userOf(await response.json());
    return user === null ? { ok: false, error: { kind: 'server', message: AUTH_MESSAGES.unexpected } } : { ok: true, value: user };
  },
  logout: async (token) => {
    try {
      await fetchImpl(`${baseUrl}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    } catch {
      // Offline: the token is forgotten locally; the server lets it expire.
    }
  },
});
