import type { PublicUser } from '../../shared/domain/records';
import { initialSyncStatus, type SyncStatus } from '../../shared/sync/engine';
import type { Result } from '../../shared/result';
import type { AuthError } from '../signIn/authApi';
import type { SignInError } from '../signIn/signInError';
import type { Workspace } from '../sync/workspace';
import type { AppSlice } from './storeTypes';

/** What a later check of a remembered session found; `unknown` keeps it (the server could not be asked). */
export type SessionCheck = { kind: 'valid'; user: PublicUser } | { kind: 'ended' } | { kind: 'unknown' };

/** A session remembered from before, opened at once; `check` asks the server afterwards. */
export type RestoredSession = { user: PublicUser; check(): Promise<SessionCheck> };

/**
 * What the session slice needs from the outside world. The web console fills it with its own
 * HTTP calls and sessionStorage; the desktop app asks its main process, which keeps the token,
 * so nothing here ever hands a token to the slice.
 */
/**
 * `allowUnencrypted`: the technician ticked "Allow an unencrypted connection to this server" (the
 * desktop app's sign-in to a plain-http server on another machine); the web console has no use for it.
 */
export type SignInOptions = { allowUnencrypted?: boolean };

export type SessionServices = {
  signIn(username: string, password: string, options?: SignInOptions): Promise<Result<PublicUser, AuthError>>;
  restore(): Promise<RestoredSession | null>;
  /** `user`: the technician asked (the server is told); `ended`: the server already refused the session. */
  signOut(kind: 'user' | 'ended'): Promise<void>;
  openWorkspace(user: PublicUser): Workspace;
};

export type SessionState =
  /** `error`: why the sign-in card is shown again (a refused sign-in, an ended session), as a code. */
  | { status: 'signed-out'; error: SignInError | null; isBusy: boolean }
  /**
   * `account` is the signed-in user as the cache last had it: an admin's change of role, tier or
   * name reaches the console by sync and takes effect on screen without signing in again (the
   * server already enforces it from the next request). `workspace.user` is the user signed in.
   */
  | { status: 'signed-in'; workspace: Workspace; account: PublicUser };

export const INITIAL_SYNC_STATUS: SyncStatus = initialSyncStatus('idle');

export type SessionSlice = {
  session: SessionState;
  /** The engine's latest report for the signed-in workspace. */
  syncStatus: SyncStatus;
  signIn(username: string, password: string, options?: SignInOptions): Promise<void>;
  /** Forgets the token and stops syncing; the user's cache and pending changes stay on disk. */
  /** `reason`: the session ended without the technician asking (the card says why); the server is not told. */
  signOut(reason?: SignInError): Promise<void>;
  /** Reopens a remembered session at start-up without waiting for the network (offline first). */
  restore(): Promise<void>;
  /** Takes the signed-in user's account as sync brought it (see `account`); others are ignored. */
  followAccount(synced: PublicUser): void;
};

/** Whether what the console shows of an account differs between two copies of it. */
const accountDiffers = (a: PublicUser, b: PublicUser): boolean =>
  a.role !== b.role || a.tier !== b.tier || a.displayName !== b.displayName || a.username !== b.username || a.active !== b.active;

const SESSION_ENDED: SignInError = { code: 'sessionEnded' };
const CACHE_REFUSALS = { newer: { code: 'cacheTooNew' }, failed: { code: 'cacheUnreadable' } } as const satisfies Record<string, SignInError>;

export const createSessionSlice =
  (services: SessionServices): AppSlice<SessionSlice> =>
  (set, get) => {
    let detach: (() => void) | null = null;

    const enter = async (user: PublicUser): Promise<void> => {
      const workspace = services.openWorkspace(user);
      // Every screen reads the cache: without it the console would start blank, so it does not start.
      const opened = await workspace.open().catch(() => 'failed' as const);
      if (opened !== 'ok') {
        workspace.close();
        set({ session: { status: 'signed-out', error: CACHE_REFUSALS[opened], isBusy: false } });
        return;
      }
      const unsubscribe = workspace.engine.onStatus((syncStatus) => {
        set({ syncStatus });
        // The server refused the token while syncing: the session is over.
        if (syncStatus.state === 'signed-out') void get().signOut(SESSION_ENDED);
      });
      detach = () => {
        unsubscribe();
        workspace.close();
      };
      set({ session: { status: 'signed-in', workspace, account: user }, syncStatus: workspace.engine.status() });
      workspace.engine.start();
    };

    const leave = () => {
      detach?.();
      detach = null;
    };

    return {
      session: { status: 'signed-out', error: null, isBusy: false },
      syncStatus: INITIAL_SYNC_STATUS,
      signIn: async (username, password, options) => {
        set({ session: { status: 'signed-out', error: null, isBusy: true } });
        const result = await services.signIn(username.trim(), password, options);
        if (!result.ok) {
          set({ session: { status: 'signed-out', error: result.error, isBusy: false } });
          return;
        }
        await enter(result.value);
      },
      signOut: async (reason) => {
        // Started first: the services forget the session before anything else can read it.
        const forgotten = services.signOut(reason === undefined ? 'user' : 'ended');
        get().resetUi();
        // The console unmounts first, so no live query reads from the database being closed.
        set({ session: { status: 'signed-out', error: reason ?? null, isBusy: false }, syncStatus: INITIAL_SYNC_STATUS });
        leave();
        await forgotten;
      },
      restore: async () => {
        const stored = await services.restore();
        if (stored === null || get().session.status === 'signed-in') return;
        await enter(stored.user);
        if (get().session.status !== 'signed-in') return;
        const check = await stored.check();
        if (check.kind === 'ended') await get().signOut(SESSION_ENDED);
      },
      followAccount: (synced) => {
        const { session } = get();
        if (session.status !== 'signed-in' || synced.id !== session.account.id || !accountDiffers(session.account, synced)) return;
        set({ session: { ...session, account: synced } });
      },
    };
  };
