import type { AppInfo, MejaBridge, SignInOutcome } from '../../shared/ipc/contract';
import type { SessionServices } from '../app/sessionSlice';
import type { AuthError } from '../signIn/authApi';
import { createLogger } from '../logger';

const log = createLogger('desktop');

type Refusal = Extract<SignInOutcome, { signedIn: false }>['reason'];

/** The main process's reasons as the sign-in card's codes. */
export const authErrorOf = (reason: Refusal): AuthError => {
  switch (reason) {
    case 'invalid_credentials':
      return { code: 'invalid' };
    case 'unreachable':
      return { code: 'network' };
    case 'server_error':
      return { code: 'unexpected' };
    case 'unencrypted_connection':
      return { code: 'unencrypted' };
  }
};

/**
 * The desktop app's session: the main process signs in, keeps the token (safeStorage) and
 * syncs; the page only learns who is signed in. `openWorkspace` is given by the caller, so
 * tests can open one without a window.
 */
export const createDesktopServices = (bridge: MejaBridge, openWorkspace: SessionServices['openWorkspace']): SessionServices => ({
  signIn: async (username, password, options) => {
    try {
      // Sent only when given, so a sign-in without it is the same request as ever.
      const consent = options?.allowUnencrypted === true ? { allowUnencrypted: true } : {};
      const response = await bridge.invoke('session:signIn', { username, password, ...consent });
      if (!response.ok) {
        log.error(`sign-in refused by the shell: ${response.error.message}`);
        return { ok: false, error: { code: 'unexpected' } };
      }
      const outcome = response.value;
      return outcome.signedIn ? { ok: true, value: outcome.session.user } : { ok: false, error: authErrorOf(outcome.reason) };
    } catch (error) {
      log.error('sign-in could not reach the shell', error);
      return { ok: false, error: { code: 'unexpected' } };
    }
  },
  restore: async () => {
    try {
      const response = await bridge.invoke('session:get');
      if (!response.ok) {
        log.warn(`no remembered session: ${response.error.message}`);
        return null;
      }
      const session = response.value;
      // The main process checks the token itself as it syncs: a refusal arrives as a `signed-out` sync status.
      return session === null ? null : { user: session.user, check: async () => ({ kind: 'unknown' }) };
    } catch (error) {
      log.warn('no remembered session: the shell did not answer', error);
      return null;
    }
  },
  signOut: async () => {
    // The main process tells the server when it can; an ended session has nothing to tell, which it knows too.
    try {
      const response = await bridge.invoke('session:signOut');
      if (!response.ok) log.error(`sign-out refused by the shell: ${response.error.message}`);
    } catch (error) {
      log.error('sign-out could not reach the shell', error);
    }
  },
  openWorkspace,
});

/** What the shell says about itself, or null if it will not say (logged). */
export const fetchAppInfo = async (bridge: MejaBridge): Promise<AppInfo | null> => {
  try {
    const response = await bridge.invoke('app:info');
    if (response.ok) return response.value;
    log.warn(`app:info refused: ${response.error.message}`);
  } catch (error) {
    log.warn('app:info could not reach the shell', error);
  }
  return null;
};
