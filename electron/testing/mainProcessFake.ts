import { EventEmitter } from 'node:events';
import Module from 'node:module';

/**
 * A stand-in for the whole `electron` module as the BUILT main bundle (dist/electron/main.cjs)
 * sees it through `require("electron")`: just enough of app, protocol, ipcMain, BrowserWindow,
 * Tray, Menu, session and friends for index.ts to start. Every call is recorded in order in
 * `calls`, so a test can check what happened before and after ready.
 */
export type FakeCall = { readonly name: string; readonly args: readonly unknown[] };

export type MainProcessFakeOptions = {
  userData: string;
  appPath: string;
  /** What requestSingleInstanceLock answers: false plays the second instance. */
  lockGranted: boolean;
  /** As app.isPackaged: true plays the installed app (deep-link registration, resources path). */
  isPackaged?: boolean;
  /** What net.fetch hands calls to (the real fetch, for a test server on loopback); without it net.fetch fails. */
  fetch?: typeof fetch;
  /** Must be semver: electron-updater parses it when `autoUpdater` is first read. */
  version: string;
};

export type FakeFrame = { url: string };
type ProtocolHandler = (request: Request) => Promise<Response>;
type InvokeListener = (event: FakeInvokeEvent, ...args: unknown[]) => unknown;
export type FakeInvokeEvent = { senderFrame: FakeFrame | null; sender: FakeWebContents };
export type FakePreventable = { defaultPrevented: boolean; preventDefault(): void };

const preventable = (): FakePreventable => {
  const event = {
    defaultPrevented: false,
    preventDefault: () => {
      event.defaultPrevented = true;
    },
  };
  return event;
};

export class FakeWebContents extends EventEmitter {
  readonly mainFrame: FakeFrame = { url: '' };
  readonly sent: { channel: string; payload: unknown }[] = [];
  readonly posted: { channel: string; message: unknown; transfer: unknown[] }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' | 'allow' }) | null = null;
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  postMessage(channel: string, message: unknown, transfer: unknown[] = []): void {
    this.posted.push({ channel, message, transfer });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' | 'allow' }): void {
    this.windowOpenHandler = handler;
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  isLoading(): boolean {
    return false;
  }
  reload(): void {}
}

export type FakeMenu = { readonly template: readonly unknown[] };

export const createMainProcessFake = (options: MainProcessFakeOptions) => {
  const calls: FakeCall[] = [];
  const record = (name: string, ...args: unknown[]): void => {
    calls.push({ name, args });
  };
  let markReady: () => void = () => undefined;
  const whenReadyPromise = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const protocolHandlers = new Map<string, ProtocolHandler>();
  const ipcHandlers = new Map<string, InvokeListener>();
  const windows: FakeBrowserWindow[] = [];
  const windowWaiters: ((window: FakeBrowserWindow) => void)[] = [];
  const trays: FakeTray[] = [];
  const permission: { request: unknown; check: unknown } = { request: null, check: null };
  let applicationMenu: FakeMenu | null = null;

  const app = Object.assign(new EventEmitter(), {
    isPackaged: options.isPackaged ?? false,
    enableSandbox: () => record('app.enableSandbox'),
    requestSingleInstanceLock: () => {
      record('app.requestSingleInstanceLock');
      return options.lockGranted;
    },
    whenReady: () => {
      record('app.whenReady');
      return whenReadyPromise;
    },
    quit: () => record('app.quit'),
    relaunch: () => record('app.relaunch'),
    getPath: (name: string): string => {
      if (name !== 'userData') throw new Error(`fake app.getPath: no path '${name}'`);
      return options.userData;
    },
    getAppPath: () => options.appPath,
    getVersion: () => options.version,
    getName: () => 'Meja',
    getLocale: () => 'en-US',
    setAppUserModelId: (id: string) => record('app.setAppUserModelId', id),
    setAsDefaultProtocolClient: (scheme: string) => {
      record('app.setAsDefaultProtocolClient', scheme);
      return true;
    },
  });

  class FakeBrowserWindow extends EventEmitter {
    static getAllWindows(): FakeBrowserWindow[] {
      return windows.filter((window) => !window.destroyed);
    }
    readonly webContents = new FakeWebContents();
    readonly loadedUrls: string[] = [];
    destroyed = false;
    visible = false;
    maximized = false;
    title = '';
    constructor(readonly options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>) {
      super();
      record('BrowserWindow.new', options);
      windows.push(this);
      for (const waiter of windowWaiters.splice(0)) waiter(this);
    }
    loadURL(url: string): Promise<void> {
      record('window.loadURL', url);
      this.loadedUrls.push(url);
      this.webContents.mainFrame.url = url;
      return Promise.resolve();
    }
    show(): void {
      this.visible = true;
    }
    hide(): void {
      this.visible = false;
    }
    focus(): void {}
    restore(): void {}
    maximize(): void {
      this.maximized = true;
    }
    isMinimized(): boolean {
      return false;
    }
    isMaximized(): boolean {
      return this.maximized;
    }
    isVisible(): boolean {
      return this.visible;
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    getNormalBounds(): { x: number; y: number; width: number; height: number } {
      return { x: 10, y: 10, width: 1200, height: 800 };
    }
    setTitle(title: string): void {
      this.title = title;
    }
    /** What the user's close button does: `close` can be prevented; otherwise the window is gone. */
    close(): void {
      const event = preventable();
      this.emit('close', event);
      if (event.defaultPrevented) return;
      this.destroyed = true;
      this.visible = false;
      this.emit('closed');
    }
  }

  class FakeTray extends EventEmitter {
    destroyed = false;
    toolTip = '';
    contextMenu: FakeMenu | null = null;
    constructor(readonly iconPath: string) {
      super();
      record('Tray.new', iconPath);
      trays.push(this);
    }
    setToolTip(toolTip: string): void {
      this.toolTip = toolTip;
    }
    setTitle(): void {}
    setContextMenu(menu: FakeMenu | null): void {
      this.contextMenu = menu;
    }
    destroy(): void {
      this.destroyed = true;
    }
  }

  class FakeNotification extends EventEmitter {
    static isSupported(): boolean {
      return true;
    }
    constructor(readonly content: { title: string; body: string }) {
      super();
    }
    show(): void {
      record('Notification.show', this.content);
    }
  }

  class FakeMessageChannelMain {
    readonly port1 = new EventEmitter();
    readonly port2 = new EventEmitter();
  }

  const display = { workArea: { x: 0, y: 0, width: 1920, height: 1080 } };

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    Tray: FakeTray,
    Notification: FakeNotification,
    MessageChannelMain: FakeMessageChannelMain,
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) => record('protocol.registerSchemesAsPrivileged', schemes),
      handle: (scheme: string, handler: ProtocolHandler) => {
        record('protocol.handle', scheme);
        protocolHandlers.set(scheme, handler);
      },
    },
    ipcMain: {
      handle: (channel: string, listener: InvokeListener) => {
        record('ipcMain.handle', channel);
        if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        ipcHandlers.set(channel, listener);
      },
      removeHandler: (channel: string) => {
        record('ipcMain.removeHandler', channel);
        ipcHandlers.delete(channel);
      },
    },
    Menu: {
      buildFromTemplate: (template: readonly unknown[]): FakeMenu => ({ template }),
      setApplicationMenu: (menu: FakeMenu | null) => {
        record('Menu.setApplicationMenu', menu);
        applicationMenu = menu;
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: unknown) => {
          record('session.setPermissionRequestHandler');
          permission.request = handler;
        },
        setPermissionCheckHandler: (handler: unknown) => {
          record('session.setPermissionCheckHandler');
          permission.check = handler;
        },
      },
    },
    // Every call is recorded, so a test can tell whether start-up talked to the network.
    net: {
      isOnline: () => true,
      fetch: (input: string | Request, init?: RequestInit): Promise<Response> => {
        record('net.fetch', typeof input === 'string' ? input : input.url);
        return options.fetch === undefined ? Promise.reject(new Error('fake net.fetch: no network in this test')) : options.fetch(input, init);
      },
    },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (text: string) => Buffer.from(`enc:${text}`),
      decryptString: (data: Buffer) => data.toString().replace(/^enc:/, ''),
    },
    screen: { getPrimaryDisplay: () => display, getAllDisplays: () => [display] },
    powerMonitor: new EventEmitter(),
    shell: {
      openExternal: (url: string) => {
        record('shell.openExternal', url);
        return Promise.resolve();
      },
    },
    dialog: { showMessageBox: () => Promise.resolve({ response: 0 }) },
  };

  return {
    electron,
    calls,
    protocolHandlers,
    ipcHandlers,
    windows,
    trays,
    permission,
    applicationMenu: (): FakeMenu | null => applicationMenu,
    /** Resolves app.whenReady(). */
    ready: (): void => markReady(),
    /** The next window the app creates (or the first, if it already has). */
    nextWindow: (): Promise<FakeBrowserWindow> =>
      new Promise((resolve) => {
        const first = windows[0];
        if (first !== undefined) resolve(first);
        else windowWaiters.push(resolve);
      }),
    /** ipcRenderer.invoke from the main frame of a page on `url`. */
    invoke: async (channel: string, url: string, ...args: unknown[]): Promise<unknown> => {
      const handler = ipcHandlers.get(channel);
      if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
      const sender = new FakeWebContents();
      sender.mainFrame.url = url;
      return handler({ senderFrame: sender.mainFrame, sender }, ...args);
    },
  };
};

export type MainProcessFake = ReturnType<typeof createMainProcessFake>;

type ModuleLoad = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleInternals = Module as unknown as { _load: ModuleLoad };

/**
 * Answers `require("electron")` with the fake for every module loaded from now on (the bundle
 * keeps `electron` external and electron-updater requires it lazily, after ready). Returns the
 * function that puts Node's loader back.
 */
export const hookElectronModule = (fake: MainProcessFake): (() => void) => {
  const original = moduleInternals._load;
  moduleInternals._load = (request, parent, isMain) => (request === 'electron' ? fake.electron : original(request, parent, isMain));
  return () => {
    moduleInternals._load = original;
  };
};
