import { pageSessionStorage } from '../app/services';
import { createWebCredentials } from '../signIn/credentials';
import type { StatsTransport } from './statsClient';

/** The web console asks its own origin with the signed-in token, read from where the session keeps it. */
export const createWebStatsTransport = (): StatsTransport => {
  const credentials = createWebCredentials(pageSessionStorage());
  return { fetch: (url, init) => window.fetch(url, init), token: () => credentials.load()?.token ?? null };
};
