import { createAuthApi } from '../session/authApi';
import { createWebCredentials } from '../session/credentials';
import { createWebSessionServices } from '../session/webSessionServices';
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

/** The web console's services: the page's own origin, its fetch, and sessionStorage for the token. */
export const createWebServices = (): SessionServices => {
  const credentials = createWebCredentials(sessionStorageOrNull());
  return createWebSessionServices(createAuthApi('', window.fetch.bind(window)), credentials, (user) => openWebWorkspace(user, credentials.token));
};
