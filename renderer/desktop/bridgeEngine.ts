import type { MejaBridge } from '../../shared/ipc/contract';
import { SYNC_PORT_MESSAGE } from '../../shared/ipc/channels';
import type { SyncEngine, SyncResult, SyncStatus } from '../../shared/sync/engine';
import type { PortLike } from '../../shared/sync/storePort';
import { INITIAL_SYNC_STATUS } from '../app/sessionSlice';
import { createLogger } from '../logger';
import { createEmitter } from '../../shared/emitter';

const log = createLogger('desktop-sync');

/** The parts of a window message the engine reads (a DOM MessageEvent in the app). */
export type PortMessage<P extends PortLike = PortLike> = { source: unknown; origin: string; data: unknown; ports: readonly P[] };

/** The page's window as the engine uses it; tests pass a plain object. */
export type MessageWindow<P extends PortLike = PortLike> = {
  location: { origin: string };
  addEventListener(type: 'message', listener: (event: PortMessage<P>) => void): void;
  removeEventListener(type: 'message', listener: (event: PortMessage<P>) => void): void;
};

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * A SyncEngine for the desktop app: the main process runs the real engine over HTTP; the page
 * hands the MessagePort the main process sends after `sync:attach` to `serve` (the cache worker,
 * which serves the steps of the store on it: SyncSteps over the Dexie cache), and mirrors the
 * `sync:status` events. A reload simply attaches again: the main process drops the old port.
 * `serve` returns the function that stops serving that port.
 */
export const createBridgeEngine = <P extends PortLike>(bridge: MejaBridge, serve: (port: P) => () => void, win: MessageWindow<P>): SyncEngine => {
  let status: SyncStatus = INITIAL_SYNC_STATUS;
  const statusChanged = createEmitter<SyncStatus>();
  const report = (next: SyncStatus) => {
    status = next;
    statusChanged.emit(status);
  };
  const fail = (message: string) => report({ ...status, state: 'error', error: message });

  let stopServing: (() => void) | null = null;
  let unsubscribe: (() => void) | null = null;
  let isRunning = false;
  // Until the main process has answered `sync:attach`, a `signed-out` it reports is its previous
  // session's (the status it keeps between sessions): taken as is, it would end the new session.
  let isAttached = false;
  const adopt = (next: SyncStatus) => {
    if (!isRunning || (!isAttached && next.state === 'signed-out')) return;
    report(next);
  };

  // Only the preload's forward counts: same window, same origin, the agreed name, exactly one port.
  const onMessage = (event: PortMessage<P>) => {
    if (event.source !== win || event.origin !== win.location.origin || event.data !== SYNC_PORT_MESSAGE) return;
    const [port] = event.ports;
    if (port === undefined || event.ports.length !== 1 || !isRunning) return;
    stopServing?.();
    stopServing = serve(port);
  };

  // The value of a request, or null when it failed (then the status says why).
  const answer = async <T>(
    channel: string,
    request: () => Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>,
  ): Promise<{ value: T } | null> => {
    try {
      const response = await request();
      if (response.ok) return { value: response.value };
      log.error(`${channel} refused: ${response.error.message}`);
      fail(response.error.message);
    } catch (error) {
      log.error(`${channel} could not reach the shell`, error);
      fail(describe(error));
    }
    return null;
  };

  const attach = async () => {
    const current = await answer('sync:status', () => bridge.invoke('sync:status'));
    if (current !== null) adopt(current.value);
    if (!isRunning) return;
    isAttached = (await answer('sync:attach', () => bridge.invoke('sync:attach'))) !== null;
  };

  const syncNow = async (): Promise<SyncResult> => {
    const asked = await answer('sync:now', () => bridge.invoke('sync:now'));
    // The counts stay in the main process; the outcome arrives as `sync:status` events.
    return asked !== null ? { ok: true, pushed: 0, pulled: 0 } : { ok: false, error: new Error(status.error ?? 'sync:now failed') };
  };

  return {
    start: () => {
      if (isRunning) return;
      isRunning = true;
      win.addEventListener('message', onMessage);
      unsubscribe = bridge.on('sync:status', adopt);
      void attach();
    },
    stop: () => {
      if (!isRunning) return;
      isRunning = false;
      isAttached = false;
      win.removeEventListener('message', onMessage);
      unsubscribe?.();
      unsubscribe = null;
      stopServing?.();
      stopServing = null;
      report({ ...status, state: 'stopped', live: false });
    },
    syncNow,
    // The main process keeps the timing: asking it is as soon as the page can make it.
    syncSoon: () => void syncNow(),
    // The main process watches the network itself (net.isOnline) and reports it in its status.
    networkChanged: () => undefined,
    status: () => status,
    onStatus: statusChanged.on,
  };
};
