import type { AppInfo } from '../../shared/ipc/contract';
import type { SyncStatus } from '../../shared/sync/engine';
import type { IpcSender, RequestHandlers } from './ipc';
import type { Logger } from './logging';
import type { MainSession } from './session';
import { statsHttpPath } from '../../shared/stats/api';
import { ticketsHttpRequest } from '../../shared/tickets/api';
import { usersHttpRequest } from '../../shared/users/api';
import { sendWithToken, type ServerAnswer, type ServerFetch, type ServerRequest } from './serverRequest';

/** Where the sync store's port goes: the WebContents of the page that asked. */
export type AttachTarget = Pick<IpcSender, 'postMessage'>;

/** What the handlers need of desktop sync (desktopSync.ts). */
export type ShellSync = {
  /** Sync at once: the page just made a local change, or a person asked. */
  syncNow(): void;
  status(): SyncStatus;
  /**
   * Opens a new channel to the page's sync store (MessageChannelMain: port1 for the driver,
   * port2 posted to `target` as SYNC_PORT_MESSAGE), replacing any store attached before.
   */
  attach(target: AttachTarget): void;
  /** Stops syncing the attached store (sign-out); a later attach starts again. Not the quit-time stop. */
  stop(): void;
};

export type ShellDeps = {
  session: Pick<MainSession, 'get' | 'signIn' | 'signOut' | 'token' | 'serverUrl'>;
  sync: ShellSync;
  appInfo: () => AppInfo;
  log: Logger;
  /** Opens an http(s) address in the system browser (shell.openExternal). */
  openExternal(url: string): Promise<void>;
  setTitle(title: string): void;
  /** For the statistics, account and ticket requests; the global fetch if not given. */
  fetch?: ServerFetch;
};

const createHandlers = (deps: ShellDeps): RequestHandlers => {
  const { session, sync, log } = deps;
  // A failing stop must not keep anyone signed in; the engine also stops once the token is gone.
  const stopSync = () => {
    try {
      sync.stop();
    } catch (error) {
      log.error('ipc', 'stopping sync failed', error);
    }
  };
  // Every token-carrying request the page asks for goes through here; `what` names it in the refusal and the log.
  const withToken = async (what: string, label: string, request: ServerRequest): Promise<ServerAnswer> => {
    const token = session.token();
    if (token === null) throw new Error(`sign in before ${what}`);
    const answer = await sendWithToken(deps.fetch ?? fetch, session.serverUrl(), token, request);
    if (answer.kind === 'unreachable') log.info('ipc', `${label}: server unreachable`);
    return answer;
  };
  return {
    'app:info': () => deps.appInfo(),
    'session:get': () => session.get(),
    'session:signIn': async (args) => {
      // The attached store is the previous user's cache: it must never sync under a new token.
      if (session.get() !== null) stopSync();
      return session.signIn(args);
    },
    'session:signOut': async () => {
      stopSync();
      await session.signOut();
      return null;
    },
    'sync:now': () => {
      sync.syncNow();
      return null;
    },
    'sync:status': () => sync.status(),
    'sync:attach': (_args, { sender }) => {
      // Without a token the engine could only fail; the page attaches after signing in.
      if (session.get() === null) throw new Error('sign in before attaching the sync store');
      sync.attach(sender);
      return null;
    },
    // The contract already let through http(s) only.
    'app:openExternal': async ({ url }) => {
      await deps.openExternal(url);
      return null;
    },
    'window:setTitleBadge': ({ pending }) => {
      deps.setTitle(pending > 0 ? `Meja (${pending})` : 'Meja');
      return null;
    },
    'log:write': ({ level, scope, message }) => {
      log[level](`renderer:${scope}`, message);
      return null;
    },
    // The page may not reach the server itself (CSP connect-src 'self'), and the token stays here.
    'stats:get': ({ route, query }) => withToken('asking for statistics', `stats ${route}`, { method: 'GET', path: statsHttpPath(route, query), body: null }),
    // The contract let through only list, create and change of an account.
    'users:request': async (request) => {
      const answer = await withToken('managing accounts', `users ${request.action}`, usersHttpRequest(request));
      return answer.kind === 'answered' ? { kind: 'answered', status: answer.status, body: answer.body } : answer;
    },
    // The contract let through only the search and the read of one ticket, both GETs.
    'tickets:request': async (request) => {
      const answer = await withToken('looking up tickets', `tickets ${request.action}`, ticketsHttpRequest(request));
      return answer.kind === 'answered' ? { kind: 'answered', status: answer.status, body: answer.body } : answer;
    },
  };
};

/**
 * The main process's answer to every request channel. Session and sync come from their modules;
 * Electron's parts (shell, the window) come in as plain functions so tests pass stand-ins.
 */
export const createShellHandlers = (deps: ShellDeps): RequestHandlers => createHandlers(deps);
