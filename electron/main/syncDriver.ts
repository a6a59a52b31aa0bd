import { createSyncEngine, initialSyncStatus, type SyncEngine, type SyncEngineOptions, type SyncStatus } from '../../shared/sync/engine';
import { createHttpRemote, type FetchLike } from '../../shared/sync/httpRemote';
import type { PullResponse } from '../../shared/sync/protocol';
import { createPortSyncSteps, type PortLike } from '../../shared/sync/storePort';
import { liveChangesApplied, type SyncSteps } from '../../shared/sync/syncSteps';

export type PulledInfo = { fromScratch: boolean };

export type SyncDriverOptions = {
  serverUrl: string;
  /** Read on every request, so a new sign-in needs no new driver. */
  getToken: () => string | null;
  fetch: FetchLike;
  /** Every engine status while attached, then `stopped` on detach. */
  onStatus?: (status: SyncStatus) => void;
  /** After each pull page the renderer's store applied (the notification rules read these). */
  onPulled?: (page: PullResponse, info: PulledInfo) => void;
  /** A status or page listener threw; sync goes on regardless. */
  onListenerError?: (error: unknown) => void;
  /** Timers, intervals and page sizes, for tests. */
  engineOptions?: Partial<Omit<SyncEngineOptions, 'steps' | 'remote'>>;
  /** How long one step in the renderer's store may take (see createPortSyncSteps). */
  storeCallTimeoutMs?: number;
  /** The network as `net.isOnline()` last said, for the first engine; `networkChanged` follows it. */
  isNetworkUp?: boolean;
};

export type SyncDriver = {
  /** Syncs the store whose steps are served on `port`, replacing any store attached before. */
  attach(port: PortLike): void;
  /** Stops syncing and closes the port; the last known pending count stays in the status. */
  detach(): void;
  /** Syncs now, or right after the sync under way (a local change, the Sync now menu item). */
  syncNow(): void;
  /** The OS network went (the status says offline at once) or came back (sync now). */
  networkChanged(online: boolean): void;
  /** The machine woke from sleep. */
  resumed(): void;
  status(): SyncStatus;
  /** Detaches for good (quitting): later attaches close their port and do nothing. */
  stop(): void;
};

type Attached = { engine: SyncEngine; closeStore: () => void; unsubscribe: () => void };

/**
 * The main process's half of desktop sync: the shared engine talks to the server over HTTP and
 * to the renderer's IndexedDB through the port, one message per step of a sync (SyncSteps). The renderer keeps the
 * data; the main process keeps the token and the timing (pokes, network, sleep).
 */
export const createSyncDriver = (options: SyncDriverOptions): SyncDriver => {
  let last: SyncStatus = initialSyncStatus('stopped');
  let attached: Attached | null = null;
  let stopped = false;
  let isNetworkUp = options.isNetworkUp ?? true;

  // A failing listener must not fail a sync cycle (the engine would retry a page it applied).
  const safely = (run: () => void) => {
    try {
      run();
    } catch (error) {
      options.onListenerError?.(error);
    }
  };
  const publish = (status: SyncStatus) => {
    last = status;
    safely(() => options.onStatus?.(status));
  };

  const detach = () => {
    if (attached === null) return;
    const { engine, closeStore, unsubscribe } = attached;
    attached = null;
    // `stop` publishes the stopped status; what an unfinished cycle reports after it is stale.
    engine.stop();
    unsubscribe();
    closeStore();
  };

  const attach = (port: PortLike) => {
    if (stopped) {
      port.close();
      return;
    }
    detach();
    const portSteps = createPortSyncSteps(port, options.storeCallTimeoutMs === undefined ? {} : { timeoutMs: options.storeCallTimeoutMs });
    const steps: SyncSteps = {
      ...portSteps,
      applyPull: async (input) => {
        const outcome = await portSteps.applyPull(input);
        // A page that waits for its catch-up was not applied: it is told when it is, caught up.
        if (outcome.applied) {
          const fromScratch = input.reset || engine.status().fromScratch;
          safely(() => options.onPulled?.(input.page, { fromScratch }));
        }
        return outcome;
      },
      applyLive: async (input) => {
        const outcome = await portSteps.applyLive(input);
        if (outcome.outcome === 'applied') safely(() => options.onPulled?.(liveChangesApplied(input.batch, outcome), { fromScratch: false }));
        return outcome;
      },
    };
    const remote = createHttpRemote({ baseUrl: options.serverUrl, fetch: options.fetch, getToken: options.getToken });
    const engine = createSyncEngine({ ...options.engineOptions, steps, remote });
    const unsubscribe = engine.onStatus(publish);
    attached = { engine, closeStore: () => portSteps.close(), unsubscribe };
    engine.networkChanged(isNetworkUp);
    engine.start();
  };

  // A local change is on its way to the other consoles at once; the engine's syncSoon delay is for
  // bursts of server pokes, which a running sync folds into one more cycle anyway.
  const syncNow = () => void attached?.engine.syncNow();

  return {
    attach,
    detach,
    syncNow,
    networkChanged: (online) => {
      isNetworkUp = online;
      // Down: the status says offline at once. Up: the engine syncs soon (unless the server asked for a pause).
      attached?.engine.networkChanged(online);
    },
    resumed: syncNow,
    status: () => attached?.engine.status() ?? last,
    stop: () => {
      stopped = true;
      detach();
    },
  };
};
