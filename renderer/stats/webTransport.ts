import { createWebCredentials } from '../session/credentials';
import type { StatsTransport } from './statsClient';

const sessionStorageOrNull = (): Storage | null => {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
};

/** The web console asks its own origin with the signed-in token, read from where the session keeps it. */
export const createWebStatsTransport = (): StatsTransport => {
  const credentials = createWebCredentials(sessionStorageOrNull());
  return { fetch: (url, init) => window.fetch(url, init), token: () => credentials.load()?.token ?? null };
};
