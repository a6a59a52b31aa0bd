import { platformTimers, type Timers } from '../platform';
import type { SyncStore } from './syncStore';

/**
 * What a port hands its listeners. `type` is there because DOM and Node events have it: without a
 * property in common, their Event would not fit a type whose only property is optional.
 */
export type PortEvent = { type?: string; data?: unknown };

/**
 * What both the browser's MessagePort and Node's (and, through an adapter, Electron's
 * MessagePortMain) offer. Typed structurally: shared/ sees no DOM, Node or Electron types.
 * `close` events (the other end went away) are optional: ports that never send one still work,
 * a call then fails by its timeout.
 */
export type PortLike = {
  postMessage(data: unknown): void;
  addEventListener(type: 'message' | 'close', listener: (event: PortEvent) => void): void;
  removeEventListener(type: 'message' | 'close', listener: (event: PortEvent) => void): void;
  start(): void;
  close(): void;
};

export type SyncStoreOp = keyof SyncStore;

// A record, not a list, so the compiler notices a SyncStore method missing here.
const OPS: Record<SyncStoreOp, true> = {
  clientId: true,
  cursor: true,
  pending: true,
  ackedIds: true,
  applyPushOutcomes: true,
  applyPullPage: true,
  catchUpNeeded: true,
  prune: true,
  heldSince: true,
  settle: true,
  pendingCount: true,
  lastSyncedAt: true,
};

const isOp = (value: unknown): value is SyncStoreOp => typeof value === 'string' && Object.hasOwn(OPS, value);

/** One SyncStore call: `args` are the method's arguments as sent (a whole pull page for applyPullPage). */
export type StoreRequest = { id: number; op: SyncStoreOp; args: unknown[] };
export type StoreAnswer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { message: string } };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const asRequest = (data: unknown): StoreRequest | null =>
  isRecord(data) && typeof data.id === 'number' && isOp(data.op) && Array.isArray(data.args) ? { id: data.id, op: data.op, args: data.args } : null;

const asAnswer = (data: unknown): StoreAnswer | null => {
  if (!isRecord(data) || typeof data.id !== 'number') return null;
  if (data.ok === true && 'value' in data) return { id: data.id, ok: true, value: data.value };
  if (data.ok === false && isRecord(data.error) && typeof data.error.message === 'string')
    return { id: data.id, ok: false, error: { message: data.error.message } };
  return null;
};

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Answers SyncStore calls arriving on `port` (the renderer's side: it owns the database).
 * Anything that is not a well-formed request for a SyncStore method is ignored.
 * Returns a function that stops serving and closes the port, so the caller's pending calls fail.
 */
export const serveSyncStore = (port: PortLike, store: SyncStore): (() => void) => {
  const answer = (message: StoreAnswer) => {
    try {
      port.postMessage(message);
    } catch (error) {
      // A value the port cannot clone: the caller still hears why instead of waiting for its timeout.
      try {
        port.postMessage({ id: message.id, ok: false, error: { message: `The answer could not be sent: ${messageOf(error)}` } } satisfies StoreAnswer);
      } catch {
        // The port itself is gone: nobody is waiting for the answer.
      }
    }
  };
  const onMessage = (event: PortEvent) => {
    const request = asRequest(event.data);
    if (request === null) return;
    // Every method of the store is one transaction; `args` came from the trusted main process.
    const method = store[request.op] as (...args: unknown[]) => Promise<unknown>;
    Promise.resolve()
      .then(() => method.apply(store, request.args))
      .then(
        (value) => answer({ id: request.id, ok: true, value }),
        (error: unknown) => answer({ id: request.id, ok: false, error: { message: messageOf(error) } }),
      );
  };
  port.addEventListener('message', onMessage);
  port.start();
  return () => {
    port.removeEventListener('message', onMessage);
    port.close();
  };
};

export type PortSyncStoreOptions = {
  /** How long one call may take; a first sync's pull page of 500 changes must fit. */
  timeoutMs?: number;
  timers?: Timers;
};

export const DEFAULT_STORE_CALL_TIMEOUT_MS = 120_000;

type PendingCall = { op: SyncStoreOp; resolve: (value: unknown) => void; reject: (error: Error) => void; timer: unknown };

/**
 * A SyncStore whose every call is one message to the store served on the other end of `port`
 * (the main process's side). A call that gets no answer in time, or is cut off by `close()` or by
 * the port closing, rejects with an Error, so the sync engine backs off and tries again.
 */
export const createPortSyncStore = (port: PortLike, options: PortSyncStoreOptions = {}): SyncStore & { close(): void } => {
  const timeoutMs = options.timeoutMs ?? DEFAULT_STORE_CALL_TIMEOUT_MS;
  const timers = options.timers ?? platformTimers;
  const calls = new Map<number, PendingCall>();
  let nextId = 1;
  let closed = false;

  const settle = (id: number): PendingCall | undefined => {
    const call = calls.get(id);
    if (call === undefined) return undefined;
    calls.delete(id);
    timers.clearTimeout(call.timer);
    return call;
  };

  const onMessage = (event: PortEvent) => {
    const answer = asAnswer(event.data);
    if (answer === null) return;
    const call = settle(answer.id);
    if (call === undefined) return;
    if (answer.ok) call.resolve(answer.value);
    else call.reject(new Error(`The local store failed (${call.op}): ${answer.error.message}`));
  };

  const shutDown = (reason: string) => {
    if (closed) return;
    closed = true;
    port.removeEventListener('message', onMessage);
    port.removeEventListener('close', onClose);
    for (const id of [...calls.keys()]) settle(id)?.reject(new Error(reason));
  };
  const onClose = () => shutDown('The local store went away: its port closed.');

  const call = <K extends SyncStoreOp>(op: K, args: Parameters<SyncStore[K]>): Promise<Awaited<ReturnType<SyncStore[K]>>> =>
    new Promise((resolve, reject) => {
      if (closed) {
        reject(new Error(`The local store is not reachable (${op}): its port is closed.`));
        return;
      }
      const id = nextId;
      nextId += 1;
      const timer = timers.setTimeout(() => settle(id)?.reject(new Error(`The local store did not answer ${op} within ${timeoutMs} ms.`)), timeoutMs);
      // The answer's shape is the served store's return value for this op.
      calls.set(id, { op, resolve: resolve as (value: unknown) => void, reject, timer });
      try {
        port.postMessage({ id, op, args } satisfies StoreRequest);
      } catch (error) {
        settle(id)?.reject(new Error(`The local store call ${op} could not be sent: ${messageOf(error)}`));
      }
    });

  port.addEventListener('message', onMessage);
  port.addEventListener('close', onClose);
  port.start();

  return {
    clientId: () => call('clientId', []),
    cursor: () => call('cursor', []),
    pending: (limit) => call('pending', [limit]),
    ackedIds: () => call('ackedIds', []),
    applyPushOutcomes: (outcomes, now) => call('applyPushOutcomes', [outcomes, now]),
    applyPullPage: (page, pageOptions) => call('applyPullPage', [page, pageOptions]),
    catchUpNeeded: (userId, page) => call('catchUpNeeded', [userId, page]),
    prune: (userId) => call('prune', [userId]),
    heldSince: () => call('heldSince', []),
    settle: (ids, syncedAt) => call('settle', [ids, syncedAt]),
    pendingCount: () => call('pendingCount', []),
    lastSyncedAt: () => call('lastSyncedAt', []),
    close: () => {
      shutDown('The local store connection was closed.');
      port.close();
    },
  };
};
