/**
 * A small stand-in for the `electron` module (the binary cannot run here): only what the main
 * process and preload modules touch. Use with `vi.mock('electron', () => fake)` or pass its parts
 * directly. The IPC halves record what they are given so tests can look at it.
 */
type MainListener = (event: FakeInvokeEvent, ...args: unknown[]) => unknown;
type RendererListener = (event: FakeRendererEvent, ...args: unknown[]) => void;

export type FakeFrame = { readonly url: string };
export type FakePostedMessage = { channel: string; message: unknown; transfer: unknown[] };
export type FakeWebContents = {
  readonly mainFrame: FakeFrame;
  /** What the main process sent this page with postMessage (ports included), oldest first. */
  readonly posted: FakePostedMessage[];
  postMessage(channel: string, message: unknown, transfer?: unknown[]): void;
};
export type FakeInvokeEvent = { readonly senderFrame: FakeFrame | null; readonly sender: FakeWebContents };
/** Carries a `sender` like the real IpcRendererEvent, so a test can tell if it leaks to the page. */
export type FakeRendererEvent = { readonly sender: { readonly secret: 'ipc-renderer-event' } };

export const makeFakeIpcMain = () => {
  const handlers = new Map<string, MainListener>();
  return {
    handlers,
    handle(channel: string, listener: MainListener): void {
      // Electron refuses a second handler for one channel; so does the fake.
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
    removeHandler(channel: string): void {
      handlers.delete(channel);
    },
    /** What ipcRenderer.invoke would do: run the channel's handler with the given event. */
    async invokeFrom(event: FakeInvokeEvent, channel: string, ...args: unknown[]): Promise<unknown> {
      const handler = handlers.get(channel);
      if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
      return handler(event, ...args);
    },
  };
};

export const makeFakeIpcRenderer = () => {
  const listeners = new Map<string, Set<RendererListener>>();
  const invocations: { channel: string; args: unknown[] }[] = [];
  return {
    invocations,
    invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      invocations.push({ channel, args });
      return Promise.resolve({ ok: true, value: { echoed: channel } });
    },
    on(channel: string, listener: RendererListener) {
      const set = listeners.get(channel) ?? new Set<RendererListener>();
      set.add(listener);
      listeners.set(channel, set);
      return this;
    },
    removeListener(channel: string, listener: RendererListener) {
      listeners.get(channel)?.delete(listener);
      return this;
    },
    listenerCount(channel: string): number {
      return listeners.get(channel)?.size ?? 0;
    },
    /** What webContents.send from the main process would do. */
    emit(channel: string, ...args: unknown[]): void {
      const event: FakeRendererEvent = { sender: { secret: 'ipc-renderer-event' } };
      for (const listener of listeners.get(channel) ?? []) listener(event, ...args);
    },
  };
};

export const makeFakeContextBridge = () => {
  const exposed = new Map<string, unknown>();
  return {
    exposed,
    exposeInMainWorld(apiKey: string, api: unknown): void {
      if (exposed.has(apiKey)) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${apiKey}`);
      exposed.set(apiKey, api);
    },
  };
};

/** A page's frames: the main frame on `url`, and a subframe inside it; it records what is posted to it. */
export const makeFakeWebContents = (url: string) => {
  const mainFrame: FakeFrame = { url };
  const posted: FakePostedMessage[] = [];
  return {
    mainFrame,
    posted,
    postMessage(channel: string, message: unknown, transfer: unknown[] = []): void {
      posted.push({ channel, message, transfer });
    },
    subframe: (subUrl: string): FakeFrame => ({ url: subUrl }),
  } satisfies FakeWebContents & { subframe(subUrl: string): FakeFrame };
};

/** The invoke event Electron would build for a call from `senderFrame` inside `contents`. */
export const invokeEventFrom = (contents: FakeWebContents, senderFrame: FakeFrame | null): FakeInvokeEvent => ({
  senderFrame,
  sender: contents,
});

export const makeFakeShell = () => {
  const opened: string[] = [];
  return {
    opened,
    openExternal(url: string): Promise<void> {
      opened.push(url);
      return Promise.resolve();
    },
  };
};

export const makeFakeElectron = () => ({
  shell: makeFakeShell(),
  ipcMain: makeFakeIpcMain(),
  ipcRenderer: makeFakeIpcRenderer(),
  contextBridge: makeFakeContextBridge(),
});

export type FakeStorageBackend = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

/**
 * Electron's safeStorage with a reversible stand-in for the OS cipher: a marker, then every byte
 * flipped. Neither the text nor its base64 shows in the output, and a buffer without the marker
 * fails to decrypt as one from another keyring would.
 */
export const makeFakeSafeStorage = (options: { available?: boolean; backend?: FakeStorageBackend } = {}) => {
  const marker = Buffer.from('fake-os-cipher:');
  const flip = (bytes: Buffer): Buffer => Buffer.from(bytes.map((byte) => byte ^ 0xa5));
  // Tests change these to act out a keyring that goes away or another backend after a restart.
  const settings: { available: boolean; backend: FakeStorageBackend } = {
    available: options.available ?? true,
    backend: options.backend ?? 'gnome_libsecret',
  };
  return {
    settings,
    isEncryptionAvailable: (): boolean => settings.available,
    encryptString: (plainText: string): Buffer => {
      if (!settings.available) throw new Error('Encryption is not available.');
      return Buffer.concat([marker, flip(Buffer.from(plainText, 'utf8'))]);
    },
    decryptString: (encrypted: Buffer): string => {
      if (!settings.available) throw new Error('Decryption is not available.');
      if (!encrypted.subarray(0, marker.length).equals(marker)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return flip(encrypted.subarray(marker.length)).toString('utf8');
    },
    getSelectedStorageBackend: (): FakeStorageBackend => settings.backend,
  };
};
