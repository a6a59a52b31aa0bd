import type { SessionInfo, SignInOutcome } from '../../shared/ipc/contract';
import { transportOf } from '../../shared/network/transportSecurity';
import type { Logger } from './logging';
import type { SecretStore, StoredSession } from './secretStore';
import { normaliseServerUrl, parsePublicUser } from './sessionUser';
import { createEmitter } from '../../shared/emitter';

/** The part of fetch the session uses; Node's and Electron's net.fetch satisfy it. */
export type SessionFetch = (
  url: string,
  init?: { method?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

/** `allowUnencrypted`: the technician consents to plain http to another machine (see `signIn`). */
export type SignInRequest = { serverUrl?: string | undefined; username: string; password: string; allowUnencrypted?: boolean | undefined };

export type MainSession = {
  /** Who is signed in where, for the page; null when signed out. */
  get(): SessionInfo | null;
  signIn(request: SignInRequest): Promise<SignInOutcome>;
  /** Revokes the token when the server can be told, and forgets it either way. */
  signOut(): Promise<void>;
  /** For Authorization headers (the sync driver's getToken); never sent to the page. */
  token(): string | null;
  /** The signed-in server, else the last one signed in to, else the configured one. */
  serverUrl(): string;
  /** Whether plain http to this server was allowed on this computer (as far as `restore` or a sign-in has read). */
  isUnencryptedAllowed(serverUrl: string): boolean;
  onChange(listener: (session: SessionInfo | null) => void): () => void;
  /**
   * Loads the saved session (offline first: it counts without the network) and resolves once it
   * is in memory. `checked` settles after the server was asked about it: a token the server
   * refuses (401) signs out; an unreachable server keeps it.
   */
  restore(): Promise<{ checked: Promise<void> }>;
};

export type MainSessionOptions = {
  /** MEJA_SERVER_URL, used until someone signs in somewhere else. */
  defaultServerUrl: string;
  secrets: SecretStore;
  fetch: SessionFetch;
  log?: Logger;
  /** How long one call to the auth routes may take before the server counts as unreachable. */
  timeoutMs?: number;
};

type Answer = { kind: 'answered'; status: number; body: unknown } | { kind: 'unreachable'; error: unknown };

/** The key consent is kept under: scheme, host and port, whatever path the server is served under. */
const originOf = (serverUrl: string): string | null => {
  try {
    return new URL(serverUrl).origin;
  } catch {
    return null;
  }
};

const isUnencrypted = (serverUrl: string): boolean => {
  try {
    return transportOf(new URL(serverUrl)) === 'unencrypted';
  } catch {
    return false;
  }
};

/**
 * The desktop app's sign-in, held by the main process: the page only ever sees who and where,
 * never the token. Saved with the secret store so a restart (even offline) stays signed in.
 */
export const createMainSession = (options: MainSessionOptions): MainSession => {
  const { secrets, log, timeoutMs = 15_000 } = options;
  const defaultServerUrl = normaliseServerUrl(options.defaultServerUrl) ?? options.defaultServerUrl;
  let current: StoredSession | null = null;
  let lastServerUrl: string | null = null;
  // Origins allowed plain http, as last read from or written to the session file.
  const unencryptedAllowed = new Set<string>();
  const changed = createEmitter<SessionInfo | null>({ onListenerError: (error) => log?.error('session', 'a session listener failed', error) });

  const infoOf = (session: StoredSession | null): SessionInfo | null => (session === null ? null : { user: session.user, serverUrl: session.serverUrl });

  const publish = () => {
    changed.emit(infoOf(current));
  };

  const call = async (url: string, init: { method?: string; headers?: Record<string, string>; body?: string }): Promise<Answer> => {
    let response: Awaited<ReturnType<SessionFetch>>;
    try {
      response = await options.fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      return { kind: 'unreachable', error };
    }
    // A body that is not JSON (a proxy's error page, a captive portal) reads as no body.
    const body: unknown = await response.json().catch(() => undefined);
    return { kind: 'answered', status: response.status, body };
  };

  const persist = async (session: StoredSession) => {
    try {
      await secrets.save(session);
    } catch (error) {
      // Still signed in for this run; the next start asks again.
      log?.error('session', 'could not save the session', error);
    }
  };

  const forget = async () => {
    current = null;
    try {
      await secrets.clear();
    } catch (error) {
      log?.error('session', 'could not clear the saved session', error);
    }
    publish();
  };

  const revoke = async (session: StoredSession) => {
    const answer = await call(`${session.serverUrl}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${session.token}` } });
    // Offline: the token is forgotten here and expires on the server by itself.
    if (answer.kind === 'unreachable') log?.info('session', 'signed out offline; the server will let the token expire');
  };

  const readUnencryptedAllowed = async (): Promise<void> => {
    try {
      for (const origin of await secrets.unencryptedAllowed()) unencryptedAllowed.add(origin);
    } catch (error) {
      log?.error('session', 'could not read which servers may be reached over plain http', error);
    }
  };

  /**
   * Plain http to another machine carries the password, the token and every ticket in clear, for
   * anyone on the network path to read or change. It needs the technician's consent, given with
   * this sign-in or an earlier one to the same server; https and this machine need none.
   */
  const mayConnect = async (base: string, allowNow: boolean): Promise<boolean> => {
    if (!isUnencrypted(base) || allowNow) return true;
    await readUnencryptedAllowed();
    const origin = originOf(base);
    return origin !== null && unencryptedAllowed.has(origin);
  };

  const rememberConsent = async (base: string): Promise<void> => {
    const origin = originOf(base);
    if (origin === null || unencryptedAllowed.has(origin)) return;
    unencryptedAllowed.add(origin);
    try {
      await secrets.allowUnencrypted(origin);
    } catch (error) {
      // Allowed for this run; the next start asks again.
      log?.error('session', 'could not save the consent to plain http', error);
    }
  };

  /** Asks the server about the saved token; only a clear "no" (401) signs out. */
  const check = async (session: StoredSession): Promise<void> => {
    const answer = await call(`${session.serverUrl}/api/auth/me`, { headers: { authorization: `Bearer ${session.token}` } });
    // Someone signed out or in again meanwhile: this answer is about a session that is gone.
    if (current?.token !== session.token) return;
    if (answer.kind === 'unreachable') {
      log?.info('session', 'server unreachable; keeping the saved session');
      return;
    }
    if (answer.status === 401) {
      log?.info('session', `the server no longer accepts the session of ${session.user.username}; signed out`);
      await forget();
      return;
    }
    const user =
      answer.status === 200 && typeof answer.body === 'object' && answer.body !== null && 'user' in answer.body ? parsePublicUser(answer.body.user) : null;
    if (user === null || JSON.stringify(user) === JSON.stringify(session.user)) return;
    // The name or tier changed since the last start.
    current = { ...session, user };
    await persist(current);
    publish();
  };

  return {
    get: () => infoOf(current),
    token: () => current?.token ?? null,
    serverUrl: () => current?.serverUrl ?? lastServerUrl ?? defaultServerUrl,
    isUnencryptedAllowed: (serverUrl) => {
      const origin = isUnencrypted(serverUrl) ? originOf(serverUrl) : null;
      return origin !== null && unencryptedAllowed.has(origin);
    },

    onChange: changed.on,

    signIn: async ({ serverUrl, username, password, allowUnencrypted = false }) => {
      const base = normaliseServerUrl(serverUrl ?? current?.serverUrl ?? lastServerUrl ?? defaultServerUrl);
      if (base === null) return { signedIn: false, reason: 'unreachable' };
      // Before anything is sent: the password must not cross the network in clear unasked.
      if (!(await mayConnect(base, allowUnencrypted))) {
        log?.warn('session', `sign-in refused: ${base} is plain http to another machine and unencrypted connections to it were not allowed`);
        return { signedIn: false, reason: 'unencrypted_connection' };
      }
      const answer = await call(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (answer.kind === 'unreachable') {
        log?.warn('session', `sign-in: ${base} is unreachable`, answer.error);
        return { signedIn: false, reason: 'unreachable' };
      }
      if (answer.status === 401 || answer.status === 403) {
        log?.info('session', `sign-in refused for ${username} at ${base}`);
        return { signedIn: false, reason: 'invalid_credentials' };
      }
      const body = answer.body;
      const token = typeof body === 'object' && body !== null && 'token' in body && typeof body.token === 'string' ? body.token : '';
      const user = typeof body === 'object' && body !== null && 'user' in body ? parsePublicUser(body.user) : null;
      if (answer.status !== 200 || token === '' || user === null) {
        log?.warn('session', `sign-in at ${base}: unexpected answer ${answer.status}`);
        return { signedIn: false, reason: 'server_error' };
      }
      if (isUnencrypted(base)) {
        log?.warn('session', `signed in over an unencrypted connection to ${base}, as allowed on this computer`);
        await rememberConsent(base);
      }
      const previous = current;
      current = { serverUrl: base, user, token };
      lastServerUrl = base;
      log?.info('session', `signed in as ${user.username} at ${base}`);
      await persist(current);
      publish();
      // A sign-in over another session leaves no live token behind on the server.
      if (previous !== null && previous.token !== token) void revoke(previous);
      return { signedIn: true, session: { user, serverUrl: base } };
    },

    signOut: async () => {
      const session = current;
      // Forget first, so a slow or absent server never keeps the app signed in.
      await forget();
      if (session === null) return;
      log?.info('session', `signed out ${session.user.username}`);
      await revoke(session);
    },

    restore: async () => {
      const kind = secrets.kind();
      if (kind === 'plain-text') log?.warn('session', "no OS keyring: the token is kept with Electron's fixed-password fallback (basic_text)");
      if (kind === 'unavailable') log?.warn('session', 'no OS encryption: the token is kept in memory only; each start asks to sign in');
      const saved = await secrets.load().catch((error: unknown) => {
        log?.error('session', 'could not read the saved session', error);
        return null;
      });
      lastServerUrl = await secrets.lastServerUrl().catch(() => null);
      await readUnencryptedAllowed();
      // A sign-in that finished while the file was read is newer than the file.
      if (saved === null || current !== null) return { checked: Promise.resolve() };
      if (!(await mayConnect(saved.serverUrl, false))) {
        // Saved before consent was asked for: its token would go out in clear on the first sync.
        // Dropped without telling the server (that too would send it); it expires there.
        log?.warn('session', `not restoring the session at ${saved.serverUrl}: plain http to another machine was never allowed; sign in again to decide`);
        await secrets.clear().catch((error: unknown) => log?.error('session', 'could not clear the saved session', error));
        return { checked: Promise.resolve() };
      }
      current = saved;
      log?.info('session', `restored the session of ${saved.user.username} at ${saved.serverUrl}`);
      publish();
      return { checked: check(saved).catch((error: unknown) => log?.error('session', 'checking the saved session failed', error)) };
    },
  };
};
