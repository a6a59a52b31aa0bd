/**
 * A fake ipcRenderer for the preload whose events can carry ports, as Electron's IpcRendererEvent
 * does when the main process posts with webContents.postMessage; and the page's window as the
 * preload posts to it. (fakeElectron.ts's ipcRenderer sends events without ports.)
 */
type Listener = (event: unknown, ...args: unknown[]) => void;

export const makePortIpcRenderer = () => {
  const listeners = new Map<string, Set<Listener>>();
  return {
    invoke: (): Promise<unknown> => Promise.resolve({ ok: true, value: null }),
    on(channel: string, listener: Listener) {
      const set = listeners.get(channel) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(channel, set);
      return this;
    },
    removeListener(channel: string, listener: Listener) {
      listeners.get(channel)?.delete(listener);
      return this;
    },
    listenerCount: (channel: string): number => listeners.get(channel)?.size ?? 0,
    /** What webContents.postMessage(channel, message, ports) from the main process would do. */
    postMessage(channel: string, message: unknown, ports: unknown[] = []): void {
      for (const listener of listeners.get(channel) ?? []) listener({ sender: { secret: 'ipc-renderer-event' }, ports }, message);
    },
  };
};

export type PostedWindowMessage = { message: unknown; targetOrigin: string; transfer: unknown[] };

export const makePreloadWindow = (origin = 'app://console') => {
  const posted: PostedWindowMessage[] = [];
  return {
    posted,
    location: { origin },
    postMessage: (message: unknown, targetOrigin: string, transfer: unknown[]) => void posted.push({ message, targetOrigin, transfer }),
  };
};
