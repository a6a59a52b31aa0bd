import { SYNC_PORT_MESSAGE } from '../../shared/ipc/channels';
import { createNoticeTracker, type Notice, type NoticeTracker } from '../../shared/domain/ticketNotices';
import { initialSyncStatus, type SyncStatus } from '../../shared/sync/engine';
import type { FetchLike } from '../../shared/sync/httpRemote';
import type { AttachTarget, ShellSync } from './ipcHandlers';
import type { Logger } from './logging';
import { fromMessagePortMain, type MessagePortMainLike } from './messagePortMain';
import type { NoticeStateFile } from './noticeStateFile';
import type { MainSession } from './session';
import { createSyncDriver, type SyncDriver, type SyncDriverOptions } from './syncDriver';

/** A fresh port pair: port1 stays with the driver, port2 goes to the page (MessageChannelMain). */
export type PortPair = { port1: MessagePortMainLike; port2: unknown };

export type DesktopSyncOptions = {
  session: Pick<MainSession, 'get' | 'token'>;
  fetch: FetchLike;
  createPorts(): PortPair;
  /** Every status of the sync under way (the page's `sync:status` event, the tray). */
  onStatus(status: SyncStatus): void;
  /** What to tell the technician: tickets just assigned to them, SLA targets about to breach. */
  onNotices(notices: Notice[]): void;
  log: Logger;
  /** Keeps each user's notice state across restarts (see noticeStateFile.ts). */
  noticeState?: NoticeStateFile;
  /** Timers and page sizes, for tests. */
  engineOptions?: SyncDriverOptions['engineOptions'];
};

export type DesktopSync = ShellSync & {
  networkChanged(online: boolean): void;
  resumed(): void;
  /** SLA targets that came near since last asked; the caller runs it on a minute timer. */
  checkDue(now: Date): void;
  /** Quitting: stops for good. */
  quit(): void;
};

/**
 * The main process's sync as the IPC handlers, the tray and the power and network events see it.
 * Each `sync:attach` gets a new driver for the signed-in user's server (a sign-in elsewhere needs
 * no restart) and one notice tracker per user, fed by the pull pages the page's store applied.
 */
export const createDesktopSync = (options: DesktopSyncOptions): DesktopSync => {
  const { session, log } = options;
  let driver: SyncDriver | null = null;
  let isNetworkUp = true;
  let tracker: { userId: string; rules: NoticeTracker } | null = null;
  let quitting = false;

  const trackerFor = (userId: string): NoticeTracker => {
    if (tracker?.userId !== userId) {
      const rules = createNoticeTracker({ meId: userId });
      const saved = options.noticeState?.load(userId) ?? null;
      if (saved !== null && !rules.restore(saved)) log.warn('notices', 'the saved notice state was not usable; starting afresh');
      tracker = { userId, rules };
    }
    return tracker.rules;
  };

  const save = () => {
    if (tracker !== null) options.noticeState?.save(tracker.userId, tracker.rules.snapshot());
  };

  const notify = (notices: Notice[]) => {
    if (notices.length > 0) options.onNotices(notices);
  };

  const stopDriver = () => {
    driver?.stop();
    driver = null;
  };

  return {
    attach: (target: AttachTarget) => {
      const signedIn = session.get();
      if (signedIn === null || quitting) throw new Error('sign in before attaching the sync store');
      stopDriver();
      const rules = trackerFor(signedIn.user.id);
      const { port1, port2 } = options.createPorts();
      const next = createSyncDriver({
        serverUrl: signedIn.serverUrl,
        getToken: () => session.token(),
        fetch: options.fetch,
        isNetworkUp,
        onStatus: (status) => options.onStatus(status),
        onPulled: (page, info) => {
          notify(rules.onPage(page, info, new Date()));
          // A first sync is hundreds of pages: its state is saved once, with its last page.
          if (!info.fromScratch || !page.hasMore) save();
        },
        onListenerError: (error) => log.error('sync', 'a sync listener failed', error),
        // The signed-in user's working set, not the whole desk (docs/ARCHITECTURE.md, "The working set").
        engineOptions: { ...options.engineOptions, scope: { userId: signedIn.user.id, ...options.engineOptions?.scope } },
      });
      driver = next;
      next.attach(fromMessagePortMain(port1));
      target.postMessage(SYNC_PORT_MESSAGE, null, [port2]);
      log.info('sync', `attached the page's store for ${signedIn.user.username} at ${signedIn.serverUrl}`);
    },
    stop: () => {
      stopDriver();
      tracker = null;
    },
    syncNow: () => driver?.syncNow(),
    status: () => driver?.status() ?? initialSyncStatus('stopped'),
    networkChanged: (online) => {
      isNetworkUp = online;
      driver?.networkChanged(online);
    },
    resumed: () => driver?.resumed(),
    checkDue: (now) => {
      if (tracker === null) return;
      const notices = tracker.rules.due(now);
      notify(notices);
      if (notices.length > 0) save();
    },
    quit: () => {
      quitting = true;
      stopDriver();
    },
  };
};
