import { createAuthApi } from '../signIn/authApi';
import { createWebCredentials } from '../signIn/credentials';
import { createWebSessionServices } from '../signIn/webSessionServices';
import { openWebWorkspace } from '../sync/openWorkspace';
import type { SessionServices } from './sessionSlice';

/** The page's sessionStorage, or null where a policy disables storage (the session then lasts until the page reloads). */
export const pageSessionStorage = (): Storage | null => {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
};

/** The web console's services: the page's own origin, its fetch, and sessionStorage for the token. */
export const createWebServices = (): SessionServices => {
  const credentials = createWebCredentials(pageSessionStorage());
  return createWebSessionServices(createAuthApi('', window.fetch.bind(window)), credentials, (user) => openWebWorkspace(user, credentials.token));
};
