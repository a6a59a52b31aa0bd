import { describe, expect, it } from 'vitest';
import { SYNC_PORT_MESSAGE } from '../../shared/ipc/channels';
import { makePortIpcRenderer, makePreloadWindow } from '../testing/preloadFake';
import { forwardSyncPort } from './syncPort';

describe('forwardSyncPort', () => {
  it('forwards only the first port, to the page’s own origin, on every attach', () => {
    const ipc = makePortIpcRenderer();
    const page = makePreloadWindow('app://console');
    forwardSyncPort(ipc, page);
    const first = { name: 'port-a' };
    const second = { name: 'port-b' };
    ipc.postMessage(SYNC_PORT_MESSAGE, null, [first, { name: 'extra' }]);
    ipc.postMessage(SYNC_PORT_MESSAGE, null, [second]);
    expect(page.posted).toEqual([
      { message: SYNC_PORT_MESSAGE, targetOrigin: 'app://console', transfer: [first] },
      { message: SYNC_PORT_MESSAGE, targetOrigin: 'app://console', transfer: [second] },
    ]);
  });

  it('drops events without a port and listens on no other channel', () => {
    const ipc = makePortIpcRenderer();
    const page = makePreloadWindow();
    forwardSyncPort(ipc, page);
    ipc.postMessage(SYNC_PORT_MESSAGE, null, []);
    ipc.postMessage('sync:status', null, [{ name: 'port' }]);
    expect(page.posted).toEqual([]);
    expect(ipc.listenerCount(SYNC_PORT_MESSAGE)).toBe(1);
  });
});
