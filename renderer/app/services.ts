import { createAuthApi } from '../session/authApi';
import { createWebCredentials } from '../session/credentials';
import { openWorkspace } from '../sync/openWorkspace';
import type { SessionServices } from './sessionSlice';

const sessionStorageOrNull = (): Storage | null => {
  try {
    return window.sessionStorage;
  } catch {
    // Storage can be disabled by policy; the session then lasts until the page reloads.
    return null;
  }
};

/** The web console's services: the page's own origin, its fetch, and sessionStorage for the token. */
export const createWebServices = (): SessionServices => ({
  auth: createAuthApi('', window.fetch.bind(window)),
  credentials: createWebCredentials(sessionStorageOrNull()),
  openWorkspace,
});
