import { afterEach, describe, expect, it, vi } from 'vitest';
import { BRIDGE_KEYS, SYNC_PORT_MESSAGE } from '../../shared/ipc/contract';
import type { makeFakeElectron } from '../testing/fakeElectron';
import { makePreloadWindow, type makePortIpcRenderer } from '../testing/preloadFake';

const fake = vi.hoisted(() => ({
  electron: undefined as ReturnType<typeof makeFakeElectron> | undefined,
  ipcRenderer: undefined as ReturnType<typeof makePortIpcRenderer> | undefined,
}));

vi.mock('electron', async () => {
  const { makeFakeElectron: make } = await import('../testing/fakeElectron');
  const { makePortIpcRenderer: makeIpc } = await import('../testing/preloadFake');
  fake.electron = make();
  fake.ipcRenderer = makeIpc();
  return { ...fake.electron, ipcRenderer: fake.ipcRenderer };
});

const page = makePreloadWindow('app://console');
vi.stubGlobal('window', page);

afterEach(() => {
  page.posted.splice(0);
});

describe('preload', () => {
  it('exposes one object, window.meja, with nothing but the contract', async () => {
    await import('./index');
    const exposed = fake.electron?.contextBridge.exposed;
    expect([...(exposed?.keys() ?? [])]).toEqual(['meja']);
    const meja = exposed?.get('meja');
    expect(typeof meja === 'object' && meja !== null ? Object.keys(meja).sort() : meja).toEqual([...BRIDGE_KEYS].sort());
  });

  it('forwards the sync port the main process posts to the page, addressed to its own origin', async () => {
    await import('./index');
    const { port1, port2 } = new MessageChannel();
    fake.ipcRenderer?.postMessage(SYNC_PORT_MESSAGE, null, [port2, port1]);
    expect(page.posted).toEqual([{ message: SYNC_PORT_MESSAGE, targetOrigin: 'app://console', transfer: [port2] }]);
    port1.close();
    port2.close();
  });

  it('passes nothing on for a sync message without a port', async () => {
    await import('./index');
    fake.ipcRenderer?.postMessage(SYNC_PORT_MESSAGE, null, []);
    expect(page.posted).toEqual([]);
  });
});
