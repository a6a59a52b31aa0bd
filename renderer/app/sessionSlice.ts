import type { PublicUser } from '../../shared/domain/records';
import type { SyncStatus } from '../../shared/sync/engine';
import type { AuthApi } from '../session/authApi';
import type { Credentials } from '../session/credentials';
import type { Workspace } from '../sync/workspace';
import type { AppSlice } from './storeTypes';

/** What the session slice needs from the outside world; the desktop app passes its own. */
export type SessionServices = {
  auth: AuthApi;
  credentials: Credentials;
  openWorkspace: (user: PublicUser, getToken: () => string | null) => Workspace;
};

export type SessionState =
  | { status: 'signed-out'; error: string | null; isBusy: boolean }
  | { status: 'signed-in'; workspace: Workspace };

export const INITIAL_SYNC_STATUS: SyncStatus = {
  state: 'idle',
  pending: 0,
  received: 0,
  total: null,
  fromScratch: false,
  lastSyncedAt: null,
  error: null,
  live: false,
  nextRetryAt: null,
};

export type SessionSlice = {
  session: SessionState;
  /** The engine's latest report for the signed-in workspace. */
  syncStatus: SyncStatus;
  signIn(username: string, password: string): Promise<void>;
  /** Forgets the token and stops syncing; the user's cache and pending changes stay on disk. */
  signOut(reason?: string): Promise<void>;
  /** Reopens a remembered session at start-up without waiting for the network (offline first). */
  restore(): Promise<void>;
};

const SESSION_ENDED = 'Your session has ended. Please sign in again.';

export const createSessionSlice =
  (services: SessionServices): AppSlice<SessionSlice> =>
  (set, get) => {
    let detach: (() => void) | null = null;

    const enter = (user: PublicUser) => {
      const workspace = services.openWorkspace(user, services.credentials.token);
      const unsubscribe = workspace.engine.onStatus((syncStatus) => {
        set({ syncStatus });
        // The server refused the token while syncing: the session is over.
        if (syncStatus.state === 'signed-out') void get().signOut(SESSION_ENDED);
      });
      detach = () => {
        unsubscribe();
        workspace.close();
      };
      set({ session: { status: 'signed-in', workspace }, syncStatus: workspace.engine.status() });
      workspace.engine.start();
    };

    const leave = () => {
      detach?.();
      detach = null;
    };

    return {
      session: { status: 'signed-out', error: null, isBusy: false },
      syncStatus: INITIAL_SYNC_STATUS,
      signIn: async (username, password) => {
        set({ session: { status: 'signed-out', error: null, isBusy: true } });
        const result = await services.auth.login(username.trim(), password);
        if (!result.ok) {
          set({ session: { status: 'signed-out', error: result.error.message, isBusy: false } });
          return;
        }
        services.credentials.save(result.value);
        enter(result.value.user);
      },
      signOut: async (reason) => {
        const token = services.credentials.token();
        services.credentials.clear();
        get().resetUi();
        // The console unmounts first, so no live query reads from the database being closed.
        set({ session: { status: 'signed-out', error: reason ?? null, isBusy: false }, syncStatus: INITIAL_SYNC_STATUS });
        leave();
        if (token !== null && reason === undefined) await services.auth.logout(token);
      },
      restore: async () => {
        const stored = services.credentials.load();
        if (stored === null || get().session.status === 'signed-in') return;
        enter(stored.user);
        const check = await services.auth.me(stored.token);
        if (!check.ok && check.error.kind === 'invalid') await get().signOut(SESSION_ENDED);
        else if (check.ok) services.credentials.save({ token: stored.token, user: check.value });
      },
    };
  };
