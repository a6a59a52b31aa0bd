/**
 * A small stand-in for the parts of Electron the console window touches (the binary is absent
 * in tests). Use it as `vi.mock('electron', async () => (await import('../testing/windowFake')).windowFake)`.
 * It records what the code under test asked for and lets a test fire the events Electron would.
 */

type Listener = (...args: unknown[]) => void;

const makeEmitter = (): {
  on: (name: string, listener: Listener) => void;
  once: (name: string, listener: Listener) => void;
  emit: (name: string, ...args: unknown[]) => void;
  listenerCount: (name: string) => number;
  clear: () => void;
} => {
  const listeners = new Map<string, { listener: Listener; once: boolean }[]>();
  const add = (name: string, listener: Listener, once: boolean): void => {
    listeners.set(name, [...(listeners.get(name) ?? []), { listener, once }]);
  };
  return {
    on: (name, listener) => add(name, listener, false),
    once: (name, listener) => add(name, listener, true),
    emit: (name, ...args) => {
      const current = listeners.get(name) ?? [];
      listeners.set(
        name,
        current.filter((entry) => !entry.once),
      );
      for (const { listener } of current) listener(...args);
    },
    listenerCount: (name) => (listeners.get(name) ?? []).length,
    clear: () => listeners.clear(),
  };
};

/** An event as Electron passes it: the test reads `defaultPrevented` afterwards. */
export type FakeEvent = { defaultPrevented: boolean; preventDefault: () => void };
export const fakeEvent = (): FakeEvent => {
  const event: FakeEvent = {
    defaultPrevented: false,
    preventDefault: () => {
      event.defaultPrevented = true;
    },
  };
  return event;
};

type PermissionRequestHandler = (contents: { getURL: () => string }, permission: string, callback: (granted: boolean) => void) => void;
type PermissionCheckHandler = (contents: null, permission: string, requestingOrigin: string) => boolean;
type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

type Rect = { x: number; y: number; width: number; height: number };

const state = {
  windows: [] as FakeBrowserWindow[],
  openedExternally: [] as string[],
  protocolClients: [] as string[],
  workAreas: [{ x: 0, y: 0, width: 1920, height: 1040 }] as Rect[],
  permissionRequestHandler: null as PermissionRequestHandler | null,
  permissionCheckHandler: null as PermissionCheckHandler | null,
  isPackaged: true,
};

const appEmitter = makeEmitter();

/** Everything the fake has recorded; reset it with `resetWindowFake()` before each test. */
export const windowFakeState = state;
export const fakeApp = { emit: appEmitter.emit };

export const resetWindowFake = (): void => {
  state.windows = [];
  state.openedExternally = [];
  state.protocolClients = [];
  state.workAreas = [{ x: 0, y: 0, width: 1920, height: 1040 }];
  state.permissionRequestHandler = null;
  state.permissionCheckHandler = null;
  state.isPackaged = true;
  appEmitter.clear();
};

export class FakeWebContents {
  readonly events = makeEmitter();
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: WindowOpenHandler | null = null;
  loading = true;
  url = '';

  on(name: string, listener: Listener): this {
    this.events.on(name, listener);
    return this;
  }

  once(name: string, listener: Listener): this {
    this.events.once(name, listener);
    return this;
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }

  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }

  isLoading(): boolean {
    return this.loading;
  }

  getURL(): string {
    return this.url;
  }

  /** What Electron does when the page finishes loading. */
  finishLoad(): void {
    this.loading = false;
    this.events.emit('did-finish-load');
  }
}

export class FakeBrowserWindow {
  readonly webContents = new FakeWebContents();
  readonly events = makeEmitter();
  readonly options: Record<string, unknown>;
  loadedUrl: string | null = null;
  shown = false;
  focused = false;
  maximized = false;
  minimized = false;
  normalBounds: Rect;

  constructor(options: Record<string, unknown>) {
    this.options = options;
    const number = (key: string, fallback: number): number => {
      const value = options[key];
      return typeof value === 'number' ? value : fallback;
    };
    this.normalBounds = { x: number('x', 0), y: number('y', 0), width: number('width', 800), height: number('height', 600) };
    state.windows.push(this);
  }

  static getAllWindows(): FakeBrowserWindow[] {
    return state.windows;
  }

  on(name: string, listener: Listener): this {
    this.events.on(name, listener);
    return this;
  }

  once(name: string, listener: Listener): this {
    this.events.once(name, listener);
    return this;
  }

  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.url = url;
    return Promise.resolve();
  }

  show(): void {
    this.shown = true;
  }

  hide(): void {
    this.shown = false;
  }

  isVisible(): boolean {
    return this.shown;
  }

  focus(): void {
    this.focused = true;
  }

  maximize(): void {
    this.maximized = true;
  }

  isMaximized(): boolean {
    return this.maximized;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  restore(): void {
    this.minimized = false;
  }

  getNormalBounds(): Rect {
    return this.normalBounds;
  }
}

/** The module object to return from `vi.mock('electron', ...)`. */
export const windowFake = {
  BrowserWindow: FakeBrowserWindow,
  app: {
    on: appEmitter.on,
    get isPackaged(): boolean {
      return state.isPackaged;
    },
    setAsDefaultProtocolClient: (scheme: string): boolean => {
      state.protocolClients.push(scheme);
      return true;
    },
  },
  shell: {
    openExternal: (url: string): Promise<void> => {
      state.openedExternally.push(url);
      return Promise.resolve();
    },
  },
  screen: {
    getPrimaryDisplay: (): { workArea: Rect } => ({ workArea: state.workAreas[0] ?? { x: 0, y: 0, width: 1920, height: 1040 } }),
    getAllDisplays: (): { workArea: Rect }[] => state.workAreas.map((workArea) => ({ workArea })),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (handler: PermissionRequestHandler): void => {
        state.permissionRequestHandler = handler;
      },
      setPermissionCheckHandler: (handler: PermissionCheckHandler): void => {
        state.permissionCheckHandler = handler;
      },
    },
  },
};
