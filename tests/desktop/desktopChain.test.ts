import { EventEmitter } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessagePort } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDesktopSync, type PortPair } from '../../electron/main/desktopSync';
import { isTrustedSenderFor, registerIpcHandlers } from '../../electron/main/ipc';
import { createShellHandlers } from '../../electron/main/ipcHandlers';
import { createLogFile } from '../../electron/main/logging';
import type { MessagePortMainLike } from '../../electron/main/messagePortMain';
import { asSyncFetch } from '../../electron/main/netFetch';
import { createNoticeStateFile } from '../../electron/main/noticeStateFile';
import { createSecretStore, SESSION_FILE } from '../../electron/main/secretStore';
import { createMainSession } from '../../electron/main/session';
import { invokeEventFrom, makeFakeIpcMain, makeFakeSafeStorage, makeFakeWebContents } from '../../electron/testing/fakeElectron';
import { openMejaDb, type MejaDb } from '../../renderer/db/database';
import { createDexieLocalDb } from '../../renderer/db/localDb';
import type { Notice } from '../../shared/domain/ticketNotices';
import { SYNC_PORT_MESSAGE } from '../../shared/ipc/contract';
import { randomUuid } from '../../shared/platform';
import type { SyncStatus } from '../../shared/sync/engine';
import { serveSyncSteps } from '../../shared/sync/storePort';
import { mutate } from '../../shared/sync/syncStore';
import { createSyncSteps } from '../../shared/sync/syncSteps';
import { push } from '../support/http';
import { cacheState, login, pullAll } from '../support/syncClient';
import { startTestServer, type TestServer } from '../support/testServer';

/**
 * The desktop app's main process as index.ts puts it together (IPC handlers, session with the
 * secret store, sync driver per attach, notice rules), against the real server on loopback and a
 * page whose Dexie cache (fake-indexeddb) serves its SyncSteps on a real MessagePort. Only the
 * Electron binary is missing: ipcMain and the WebContents are the small fakes.
 */
const APP = 'app://console';
const eventually = (check: () => void | Promise<void>) => vi.waitFor(check, { timeout: 20_000, interval: 25 });

/** Node's MessagePort hands listeners the data itself; Electron's MessagePortMain an event with `data`. */
const asPortMain = (port: MessagePort): MessagePortMainLike => {
  const emitter = new EventEmitter();
  port.on('message', (data: unknown) => emitter.emit('message', { data, ports: [] }));
  port.on('close', () => emitter.emit('close'));
  return Object.assign(emitter, {
    postMessage: (message: unknown) => port.postMessage(message),
    start: () => port.start(),
    close: () => port.close(),
  });
};

let server: TestServer;
let folder: string;
let samToken: string;
const cleanups: Array<() => void | Promise<void>> = [];

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'meja-desktop-'));
  server = await startTestServer(`sqlite:${join(folder, 'meja.db')}`, { demo: true });
  samToken = (await login(server.url, 'sam', 'demo-password')).token;
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

afterAll(async () => {
  await server?.close();
  await rm(folder, { recursive: true, force: true });
});

/** The main process on a user data folder: a fresh one, or the one of an earlier run (a restart). */
const startMainProcess = async (existingUserData?: string) => {
  const userData = existingUserData ?? (await mkdtemp(join(folder, 'user-data-')));
  const log = createLogFile({ folder: userData, level: 'debug' });
  const secrets = createSecretStore({ folder: userData, safeStorage: makeFakeSafeStorage(), platform: 'linux' });
  const session = createMainSession({ defaultServerUrl: server.url, secrets, fetch, log });
  const statuses: SyncStatus[] = [];
  const notices: Notice[] = [];
  const sync = createDesktopSync({
    session,
    fetch: asSyncFetch(fetch),
    createPorts: (): PortPair => {
      const { port1, port2 } = new MessageChannel();
      return { port1: asPortMain(port1), port2 };
    },
    onStatus: (status) => statuses.push(status),
    onNotices: (batch) => notices.push(...batch),
    log,
    noticeState: createNoticeStateFile(userData, (error) => {
      throw error;
    }),
    engineOptions: { intervalMs: 3_600_000 },
  });
  const ipcMain = makeFakeIpcMain();
  registerIpcHandlers(
    ipcMain,
    createShellHandlers({
      session,
      sync,
      log,
      appInfo: () => ({
        version: '0.1.0',
        platform: 'linux',
        serverUrl: session.serverUrl(),
        secretStorage: secrets.kind(),
        isUnencryptedAllowed: session.isUnencryptedAllowed(session.serverUrl()),
      }),
      openExternal: async () => undefined,
      setTitle: () => undefined,
    }),
    isTrustedSenderFor(APP),
  );
  const page = makeFakeWebContents(`${APP}/`);
  const invoke = (channel: string, args?: unknown) => ipcMain.invokeFrom(invokeEventFrom(page, page.mainFrame), channel, args);
  cleanups.push(async () => {
    sync.quit();
    await log.flush();
  });
  return { userData, session, sync, statuses, notices, page, invoke };
};

/** What the preload and the page do with the port the main process posts: serve the cache on it. */
const servePage = (posted: { channel: string; transfer: unknown[] }, db: MejaDb) => {
  expect(posted.channel).toBe(SYNC_PORT_MESSAGE);
  const port = posted.transfer[0] as MessagePort;
  const stop = serveSyncSteps(port, createSyncSteps(createDexieLocalDb(db), randomUuid));
  cleanups.push(stop);
};

const openCache = (userId: string): MejaDb => {
  const db = openMejaDb(`meja-${userId}-${randomUuid()}`);
  cleanups.push(() => db.close());
  return db;
};

type MainProcess = Awaited<ReturnType<typeof startMainProcess>>;

/** The page's part after a sign-in: open the user's cache, ask for the port, serve the cache, wait for the first sync. */
const attachPage = async (main: MainProcess, db?: MejaDb): Promise<{ userId: string; db: MejaDb }> => {
  const signedIn = main.session.get();
  if (signedIn === null) throw new Error('not signed in');
  const cache = db ?? openCache(signedIn.user.id);
  expect(await main.invoke('sync:attach')).toEqual({ ok: true, value: null });
  const posted = main.page.posted.at(-1);
  if (posted === undefined) throw new Error('no port was posted to the page');
  servePage(posted, cache);
  await eventually(() => expect(main.sync.status()).toMatchObject({ state: 'idle' }));
  return { userId: signedIn.user.id, db: cache };
};

describe('the desktop main process with a page cache over a MessagePort', () => {
  it('signs in, fills the page cache, sends its changes, and keeps the token out of the page and off the disk in clear', async () => {
    const main = await startMainProcess();
    expect(await main.invoke('session:get')).toEqual({ ok: true, value: null });
    // Attaching before signing in is refused: the engine would have no token.
    expect(await main.invoke('sync:attach')).toMatchObject({ ok: false, error: { code: 'handler_failed' } });

    const signIn = await main.invoke('session:signIn', { username: 'tina', password: 'demo-password' });
    expect(signIn).toMatchObject({ ok: true, value: { signedIn: true, session: { user: { username: 'tina' }, serverUrl: server.url } } });
    const token = main.session.token();
    expect(token).not.toBeNull();
    expect(JSON.stringify(signIn)).not.toContain(token);
    expect(await readFile(join(main.userData, SESSION_FILE), 'utf8')).not.toContain(token);

    const tina = main.session.get();
    if (tina === null) throw new Error('not signed in');
    const db = openCache(tina.user.id);
    expect(await main.invoke('sync:attach')).toEqual({ ok: true, value: null });
    const [posted] = main.page.posted;
    if (posted === undefined) throw new Error('no port was posted to the page');
    servePage(posted, db);

    await eventually(async () => expect(main.sync.status()).toMatchObject({ state: 'idle', pending: 0 }));
    expect(await cacheState(db)).toEqual(await pullAll(server.url, token ?? ''));
    expect(main.statuses.some((status) => status.fromScratch && status.received > 0)).toBe(true);

    // A change made in the page: written to its cache and outbox, then `sync:now` sends it.
    const ticket = await db.tickets.filter((candidate) => candidate.status === 'new').first();
    if (ticket === undefined) throw new Error('the demo data has no new ticket');
    const queued = await mutate(createDexieLocalDb(db), {
      id: randomUuid(),
      name: 'ticket:assign',
      args: { id: ticket.id, assigneeId: tina.user.id },
      at: new Date().toISOString(),
      actorId: tina.user.id,
    });
    expect(queued).toEqual({ ok: true, value: { queued: true } });
    expect(await main.invoke('sync:now')).toEqual({ ok: true, value: null });
    await eventually(async () => {
      const onServer = (await pullAll(server.url, token ?? '')).get(`ticket/${ticket.id}`);
      expect(onServer).toMatchObject({ assigneeId: tina.user.id });
      expect(main.sync.status()).toMatchObject({ state: 'idle', pending: 0 });
    });
    // Tina took it herself: nothing to notify.
    expect(main.notices.filter((notice) => notice.kind === 'assigned')).toEqual([]);
  });

  it('notifies a ticket someone else assigned to me, once it arrives, and stops syncing at sign-out', async () => {
    const main = await startMainProcess();
    await main.invoke('session:signIn', { username: 'tina', password: 'demo-password' });
    const { userId: tinaId, db } = await attachPage(main);

    // Open, since a resolved ticket given to me is not news that needs a notification.
    const unassigned = await db.tickets
      .filter((candidate) => candidate.assigneeId === null && (candidate.status === 'new' || candidate.status === 'open'))
      .first();
    if (unassigned === undefined) throw new Error('the demo data has no unassigned ticket');
    const [result] = (
      await push(server.url, samToken, [{ name: 'ticket:assign', args: { id: unassigned.id, assigneeId: tinaId }, at: new Date().toISOString() }])
    ).results;
    expect(result?.status).toBe('applied');
    // The live stream pokes the engine; the page's cache gets it and the main process tells Tina.
    await eventually(async () => {
      expect(await db.tickets.get(unassigned.id)).toMatchObject({ assigneeId: tinaId });
      expect(main.notices).toContainEqual(expect.objectContaining({ kind: 'assigned', ticketId: unassigned.id, code: unassigned.code }));
    });

    expect(await main.invoke('session:signOut')).toEqual({ ok: true, value: null });
    expect(main.sync.status().state).toBe('stopped');
    expect(main.session.token()).toBeNull();
    const before = await db.tickets.get(unassigned.id);
    await push(server.url, samToken, [{ name: 'ticket:assign', args: { id: unassigned.id, assigneeId: null }, at: new Date().toISOString() }]);
    // Signed out, the cache is left as it was: nothing syncs into it any more.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await db.tickets.get(unassigned.id)).toEqual(before);
  });

  it('after a restart, still warns of an SLA about to breach on a ticket of mine that did not change since', async () => {
    const first = await startMainProcess();
    await first.invoke('session:signIn', { username: 'tomas', password: 'demo-password' });
    const { userId: tomasId, db } = await attachPage(first);
    const ticket = await db.tickets.filter((candidate) => candidate.assigneeId === null && candidate.status === 'new').first();
    if (ticket === undefined) throw new Error('the demo data has no new unassigned ticket');
    await push(server.url, samToken, [{ name: 'ticket:assign', args: { id: ticket.id, assigneeId: tomasId }, at: new Date().toISOString() }]);
    await eventually(async () => expect(await db.tickets.get(ticket.id)).toMatchObject({ assigneeId: tomasId }));
    first.sync.quit();

    // The restart: same user data, same cache; the session comes back from the file.
    const second = await startMainProcess(first.userData);
    await second.session.restore();
    expect(second.session.get()?.user.id).toBe(tomasId);
    await attachPage(second, db);
    const synced = await db.tickets.get(ticket.id);
    if (synced === undefined) throw new Error('the ticket left the cache');
    // Five minutes before its resolution is due (giving it to him opened it: that was its first response).
    expect(synced).toMatchObject({ status: 'open', firstRespondedAt: expect.any(String) });
    second.sync.checkDue(new Date(Date.parse(synced.resolutionDueAt) - 5 * 60_000));
    expect(second.notices).toContainEqual(expect.objectContaining({ kind: 'slaNearBreach', ticketId: ticket.id, target: 'resolution' }));
  });
});
