import { isEventChannel, isRequestChannel, type EventChannel, type RequestChannel } from '../../shared/ipc/channels';
// Types only: the schemas (and zod) stay out of the preload bundle.
import type { EventPayload, IpcResponse, MejaBridge } from '../../shared/ipc/contract';

type ForwardListener = (event: unknown, ...args: unknown[]) => void;

/** The parts of Electron's ipcRenderer the bridge uses; a fake stands in for it in tests. */
export type IpcRendererLike = {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: ForwardListener): unknown;
  removeListener(channel: string, listener: ForwardListener): unknown;
};

/**
 * Builds the page's only door to the main process. It passes on contract channels only, so a
 * script injected into the page cannot reach a channel someone adds to ipcMain later without
 * adding it to the contract; and listeners get the payload alone, never the IpcRendererEvent
 * (whose `sender` would hand the page ipcRenderer itself).
 */
export const createBridge = (ipc: IpcRendererLike) =>
  ({
    platform: 'electron',
    invoke: <C extends RequestChannel>(channel: C, ...args: unknown[]): Promise<IpcResponse<C>> =>
      isRequestChannel(channel)
        ? // The main process answers every contract channel with an IpcResponse (electron/main/ipc.ts).
          (ipc.invoke(channel, ...args) as Promise<IpcResponse<C>>)
        : Promise.reject(new Error(`unknown IPC channel ${JSON.stringify(String(channel))}`)),
    on: <E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): (() => void) => {
      if (!isEventChannel(event)) throw new Error(`unknown IPC event ${JSON.stringify(String(event))}`);
      // Only the main process sends on these channels, with the contract's payload (see the event map).
      const forward = (_event: unknown, payload: unknown): void => listener(payload as EventPayload<E>);
      ipc.on(event, forward);
      return () => {
        ipc.removeListener(event, forward);
      };
    },
  }) satisfies MejaBridge;
