import type { PublicUser } from '../../shared/domain/records';

/** What a signed-in console remembers: the bearer token and who it belongs to. */
export type StoredSession = { token: string; user: PublicUser };

/**
 * Where the session lives. The web console keeps it in memory and in sessionStorage (it survives
 * a reload, even offline, and dies with the tab); the desktop app will keep the token in the main
 * process instead, behind this same shape.
 */
export type Credentials = {
  load(): StoredSession | null;
  save(session: StoredSession): void;
  clear(): void;
  /** The current token, read on every request. */
  token(): string | null;
};

const KEY = 'meja.session';

const isStoredSession = (value: unknown): value is StoredSession => {
  if (typeof value !== 'object' || value === null) return false;
  const { token, user } = value as Partial<Record<keyof StoredSession, unknown>>;
  return typeof token === 'string' && typeof user === 'object' && user !== null && typeof (user as { id?: unknown }).id === 'string';
};

/** The part of sessionStorage used here; null where storage is unavailable (then memory only). */
export type KeyValueStorage = {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
};

export const createWebCredentials = (storage: KeyValueStorage | null): Credentials => {
  let current: StoredSession | null = null;
  const read = (): StoredSession | null => {
    try {
      const raw = storage?.getItem(KEY);
      const parsed: unknown = raw ? JSON.parse(raw) : null;
      return isStoredSession(parsed) ? parsed : null;
    } catch {
      return null;
    }
  };
  return {
    load: () => {
      current ??= read();
      return current;
    },
    save: (session) => {
      current = session;
      storage?.setItem(KEY, JSON.stringify(session));
    },
    clear: () => {
      current = null;
      storage?.removeItem(KEY);
    },
    token: () => current?.token ?? null,
  };
};
