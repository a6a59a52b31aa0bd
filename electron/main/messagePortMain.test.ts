import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import type { MessagePortMain } from 'electron';
import { describe, expect, it } from 'vitest';
import { createMemoryLocalDb } from '../../shared/sync/memoryLocalDb';
import { createPortSyncSteps, serveSyncSteps, type PortEvent } from '../../shared/sync/storePort';
import { createSyncSteps } from '../../shared/sync/syncSteps';
import { fromMessagePortMain, type MessagePortMainLike } from './messagePortMain';

// Compile-time: Electron's own port fits the structural type the adapter takes.
export const adaptsElectronPort = (port: MessagePortMain) => fromMessagePortMain(port);

type FakePort = MessagePortMainLike & EventEmitter;
type FakeEnd = { port: FakePort; receive(data: unknown): void };

/**
 * Two linked EventEmitter ports that behave like MessageChannelMain's: messages are cloned and
 * arrive asynchronously, only after start(); close() emits 'close' on both ends.
 */
const emitterChannel = (): [FakePort, FakePort] => {
  const make = (): FakeEnd & { link(peer: FakeEnd): void } => {
    const emitter = new EventEmitter();
    let started = false;
    let closed = false;
    let peer: FakeEnd | null = null;
    const queue: unknown[] = [];
    const deliver = () => {
      if (!started) return;
      for (const data of queue.splice(0)) setImmediate(() => emitter.emit('message', { data, ports: [] }));
    };
    const port: FakePort = Object.assign(emitter, {
      postMessage: (message: unknown) => {
        if (!closed) peer?.receive(structuredClone(message));
      },
      start: () => {
        started = true;
        deliver();
      },
      close: () => {
        if (closed) return;
        closed = true;
        emitter.emit('close');
        peer?.port.close();
      },
    });
    return {
      port,
      receive: (data) => {
        queue.push(data);
        deliver();
      },
      link: (other) => {
        peer = other;
      },
    };
  };
  const a = make();
  const b = make();
  a.link(b);
  b.link(a);
  return [a.port, b.port];
};

describe('fromMessagePortMain', () => {
  it("carries the sync engine's steps between two EventEmitter ports", async () => {
    const [main, renderer] = emitterChannel();
    const inner = createSyncSteps(createMemoryLocalDb(), randomUUID);
    serveSyncSteps(fromMessagePortMain(renderer), inner);
    const steps = createPortSyncSteps(fromMessagePortMain(main));
    expect((await steps.nextPushBatch({ limit: 1 })).clientId).toBe((await inner.nextPushBatch({ limit: 1 })).clientId);
    expect(await steps.pendingCount()).toBe(0);
    steps.close();
  });

  it('turns the emitter close event into a close listener call, and removes listeners', () => {
    const [main] = emitterChannel();
    const port = fromMessagePortMain(main);
    const seen: PortEvent[] = [];
    const onClose = (event: PortEvent) => seen.push(event);
    const onMessage = (event: PortEvent) => seen.push(event);
    port.addEventListener('close', onClose);
    port.addEventListener('message', onMessage);
    expect([main.listenerCount('close'), main.listenerCount('message')]).toEqual([1, 1]);
    port.removeEventListener('message', onMessage);
    expect(main.listenerCount('message')).toBe(0);
    port.close();
    expect(seen).toEqual([{ type: 'close' }]);
    port.removeEventListener('close', onClose);
    expect(main.listenerCount('close')).toBe(0);
  });

  it('rejects a pending call when the renderer end closes', async () => {
    const [main, renderer] = emitterChannel();
    renderer.start();
    const steps = createPortSyncSteps(fromMessagePortMain(main));
    const start = steps.beginPull();
    renderer.close();
    await expect(start).rejects.toThrow('its port closed');
  });
});
