import { describe, expect, it, vi } from 'vitest';
import { BRIDGE_KEYS, type RequestChannel } from '../../shared/ipc/contract';
import { makeFakeIpcRenderer } from '../testing/fakeElectron';
import { createBridge } from './bridge';

describe('createBridge', () => {
  it('has exactly the keys of the contract', () => {
    const bridge = createBridge(makeFakeIpcRenderer());
    expect(Object.keys(bridge).sort()).toEqual([...BRIDGE_KEYS].sort());
    expect(bridge.platform).toBe('electron');
  });

  it('passes a contract request through with its args', async () => {
    const ipc = makeFakeIpcRenderer();
    const bridge = createBridge(ipc);
    await expect(bridge.invoke('window:setTitleBadge', { pending: 3 })).resolves.toEqual({ ok: true, value: { echoed: 'window:setTitleBadge' } });
    await bridge.invoke('session:get');
    expect(ipc.invocations).toEqual([
      { channel: 'window:setTitleBadge', args: [{ pending: 3 }] },
      { channel: 'session:get', args: [] },
    ]);
  });

  it.each(['fs:readFile', 'constructor', '__proto__', ''])('refuses to invoke %j and sends nothing', async (channel) => {
    const ipc = makeFakeIpcRenderer();
    const bridge = createBridge(ipc);
    // A script in the page is not bound by the types; the cast stands for it.
    await expect(bridge.invoke(channel as RequestChannel, {})).rejects.toThrow(/unknown IPC channel/);
    expect(ipc.invocations).toEqual([]);
  });

  it('refuses to subscribe to an event outside the contract', () => {
    const ipc = makeFakeIpcRenderer();
    const bridge = createBridge(ipc);
    expect(() => bridge.on('session:signIn' as 'sync:status', () => undefined)).toThrow(/unknown IPC event "session:signIn"/);
    expect(ipc.listenerCount('session:signIn')).toBe(0);
  });

  it('gives listeners the payload only, and unsubscribing stops delivery', () => {
    const ipc = makeFakeIpcRenderer();
    const bridge = createBridge(ipc);
    const listener = vi.fn();
    const unsubscribe = bridge.on('deepLink:openTicket', listener);

    ipc.emit('deepLink:openTicket', { code: 'AB12-CD34' });
    expect(listener.mock.calls).toEqual([[{ code: 'AB12-CD34' }]]);

    unsubscribe();
    expect(ipc.listenerCount('deepLink:openTicket')).toBe(0);
    ipc.emit('deepLink:openTicket', { code: 'ZZ99-ZZ99' });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('keeps two subscriptions to one event apart', () => {
    const ipc = makeFakeIpcRenderer();
    const bridge = createBridge(ipc);
    const first = vi.fn();
    const second = vi.fn();
    const stopFirst = bridge.on('notification:clicked', first);
    bridge.on('notification:clicked', second);
    stopFirst();
    ipc.emit('notification:clicked', { ticketId: 't1' });
    expect(first).not.toHaveBeenCalled();
    expect(second.mock.calls).toEqual([[{ ticketId: 't1' }]]);
  });
});
