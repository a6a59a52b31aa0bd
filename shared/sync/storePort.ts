import { platformTimers, type Timers } from '../platform';
import {
  parseAnswer,
  parseArgs,
  parseRequest,
  parseValue,
  type StepAnswer,
  type StepArgs,
  type StepName,
  type StepRequest,
  type StepValue,
} from './stepMessages';
import type { SyncSteps } from './syncSteps';

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

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** SyncSteps as a map from step to function: indexed by a step name, it stays callable with that step's arguments. */
type StepFunctions = { [K in StepName]: (...args: StepArgs[K]) => Promise<StepValue[K]> };

/**
 * Answers SyncSteps calls arriving on `port` (the renderer's side: it owns the database), each
 * in the one transaction its step runs in. Anything without a numeric id and a known step is
 * ignored; arguments that do not fit their step are answered with an error.
 * Returns a function that stops serving and closes the port, so the caller's pending calls fail.
 */
export const serveSyncSteps = (port: PortLike, steps: SyncSteps): (() => void) => {
  const run: StepFunctions = steps;
  const answer = (message: StepAnswer) => {
    try {
      port.postMessage(message);
    } catch (error) {
      // A value the port cannot clone: the caller still hears why instead of waiting for its timeout.
      try {
        port.postMessage({ id: message.id, ok: false, error: { message: `The answer could not be sent: ${messageOf(error)}` } } satisfies StepAnswer);
      } catch {
        // The port itself is gone: nobody is waiting for the answer.
      }
    }
  };
  const serve = <K extends StepName>(id: number, op: K, raw: unknown) => {
    const args = parseArgs(op, raw);
    if (!args.ok) {
      answer({ id, ok: false, error: { message: `Malformed arguments for ${op}: ${args.message}` } });
      return;
    }
    Promise.resolve()
      .then(() => run[op](...args.value))
      .then(
        (value) => answer({ id, ok: true, value }),
        (error: unknown) => answer({ id, ok: false, error: { message: messageOf(error) } }),
      );
  };
  const onMessage = (event: PortEvent) => {
    const request = parseRequest(event.data);
    if (request !== null) serve(request.id, request.op, request.args);
  };
  port.addEventListener('message', onMessage);
  port.start();
  return () => {
    port.removeEventListener('message', onMessage);
    port.close();
  };
};

export type PortSyncStepsOptions = {
  /** How long one step may take; a first sync's pull page of 1,000 changes must fit. */
  timeoutMs?: number;
  timers?: Timers;
};

export const DEFAULT_STEP_TIMEOUT_MS = 120_000;

type PendingCall = { answered: (answer: StepAnswer) => void; fail: (error: Error) => void; timer: unknown };

/**
 * SyncSteps whose every call is one message to the steps served on the other end of `port`
 * (the main process's side), and one answer. A call that gets no answer in time, an answer that
 * does not fit its step, or a call cut off by `close()` or by the port closing rejects with an
 * Error, so the sync engine backs off and tries again.
 */
export const createPortSyncSteps = (port: PortLike, options: PortSyncStepsOptions = {}): SyncSteps & { close(): void } => {
  const timeoutMs = options.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
  const timers = options.timers ?? platformTimers;
  const calls = new Map<number, PendingCall>();
  let nextId = 1;
  let closed = false;

  const take = (id: number): PendingCall | undefined => {
    const call = calls.get(id);
    if (call === undefined) return undefined;
    calls.delete(id);
    timers.clearTimeout(call.timer);
    return call;
  };

  const onMessage = (event: PortEvent) => {
    const answer = parseAnswer(event.data);
    if (answer !== null) take(answer.id)?.answered(answer);
  };

  const shutDown = (reason: string) => {
    if (closed) return;
    closed = true;
    port.removeEventListener('message', onMessage);
    port.removeEventListener('close', onClose);
    for (const id of [...calls.keys()]) take(id)?.fail(new Error(reason));
  };
  const onClose = () => shutDown('The local store went away: its port closed.');

  const call = <K extends StepName>(op: K, args: StepArgs[K]): Promise<StepValue[K]> =>
    new Promise((resolve, reject) => {
      if (closed) {
        reject(new Error(`The local store is not reachable (${op}): its port is closed.`));
        return;
      }
      const id = nextId;
      nextId += 1;
      const answered = (answer: StepAnswer) => {
        if (!answer.ok) {
          reject(new Error(`The local store failed (${op}): ${answer.error.message}`));
          return;
        }
        const value = parseValue(op, answer.value);
        if (value.ok) resolve(value.value);
        else reject(new Error(`The local store's answer to ${op} does not fit it: ${value.message}`));
      };
      const timer = timers.setTimeout(() => take(id)?.fail(new Error(`The local store did not answer ${op} within ${timeoutMs} ms.`)), timeoutMs);
      calls.set(id, { answered, fail: reject, timer });
      try {
        port.postMessage({ id, op, args } satisfies StepRequest<K>);
      } catch (error) {
        take(id)?.fail(new Error(`The local store call ${op} could not be sent: ${messageOf(error)}`));
      }
    });

  port.addEventListener('message', onMessage);
  port.addEventListener('close', onClose);
  port.start();

  return {
    lastSyncedAt: () => call('lastSyncedAt', []),
    nextPushBatch: (input) => call('nextPushBatch', [input]),
    settlePush: (input) => call('settlePush', [input]),
    beginPull: () => call('beginPull', []),
    applyPull: (input) => call('applyPull', [input]),
    applyLive: (input) => call('applyLive', [input]),
    finishSync: (input) => call('finishSync', [input]),
    pendingCount: () => call('pendingCount', []),
    close: () => {
      shutDown('The local store connection was closed.');
      port.close();
    },
  };
};
