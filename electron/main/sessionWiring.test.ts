import type { IpcMain, Net, SafeStorage, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import type { IpcMainLike } from './ipc';
import type { AttachTarget } from './ipcHandlers';
import type { SafeStorageLike } from './secretStore';
import type { SessionFetch } from './session';

// The modules take Electron's parts as structural types so tests can pass plain objects; these
// lines fail the typecheck if the real parts ever stop fitting, before index.ts finds out.
type Fits<Real, Wanted> = Real extends Wanted ? true : false;
const fits = {
  safeStorage: true satisfies Fits<SafeStorage, SafeStorageLike>,
  netFetch: true satisfies Fits<Net['fetch'], SessionFetch>,
  nodeFetch: true satisfies Fits<typeof fetch, SessionFetch>,
  webContents: true satisfies Fits<WebContents, AttachTarget>,
  ipcMain: true satisfies Fits<IpcMain, IpcMainLike>,
};

describe("Electron's real parts", () => {
  it('fit the structural types the main-process modules take', () => {
    expect(Object.values(fits).every(Boolean)).toBe(true);
  });
});
