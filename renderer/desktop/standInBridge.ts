import type { EventChannel, EventPayload, IpcResponse, MejaBridge, RequestChannel, RequestResult } from '../../shared/ipc/contract';

/** How the stand-in answers a channel: a value, or a thrown error for a refusal. */
export type StandInHandlers = { [C in RequestChannel]?: (args: unknown) => RequestResult<C> | Promise<RequestResult<C>> };

/**
 * A plain-object window.meja for tests, answering like the main process would (IpcResponse,
 * `handler_failed` for a channel without a handler or one that throws). No Electron involved.
 */
export const makeStandInBridge = (handlers: StandInHandlers) => {
  const calls: { channel: RequestChannel; args: unknown }[] = [];
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();

  const respond = async <C extends RequestChannel>(channel: C, args: unknown): Promise<IpcResponse<C>> => {
    calls.push({ channel, args });
    const handler = handlers[channel] as ((args: unknown) => RequestResult<C> | Promise<RequestResult<C>>) | undefined;
    if (handler === undefined) return { ok: false, error: { code: 'handler_failed', message: `${channel}: no handler` } };
    try {
      return { ok: true, value: await handler(args) };
    } catch (error) {
      return { ok: false, error: { code: 'handler_failed', message: error instanceof Error ? error.message : String(error) } };
    }
  };

  const bridge: MejaBridge = {
    platform: 'electron',
    invoke: (channel, ...args) => respond(channel, args[0]),
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const forward = (payload: unknown) => listener(payload as EventPayload<typeof event>);
      set.add(forward);
      return () => set.delete(forward);
    },
  };

  return {
    bridge,
    calls,
    channelsCalled: () => calls.map((call) => call.channel),
    emit: <E extends EventChannel>(event: E, payload: EventPayload<E>) => listeners.get(event)?.forEach((listener) => listener(payload)),
    listenerCount: (event: EventChannel) => listeners.get(event)?.size ?? 0,
  };
};
