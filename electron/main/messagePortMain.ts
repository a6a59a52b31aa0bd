import type { PortEvent, PortLike } from '../../shared/sync/storePort';

/**
 * The part of Electron's MessagePortMain the sync driver uses. MessagePortMain is a Node
 * EventEmitter (`on('message')`, `on('close')`), not an EventTarget like the renderer's port.
 * Typed structurally so tests can hand in an EventEmitter of their own.
 */
export type MessagePortMainLike = {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  off(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  off(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
};

type Listener = (event: PortEvent) => void;

/** Electron's main-process port as the PortLike the shared sync store speaks over. */
export const fromMessagePortMain = (port: MessagePortMainLike): PortLike => {
  // `close` carries no event object; the wrapper is kept so removeEventListener finds it.
  const closeWrappers = new Map<Listener, () => void>();
  return {
    postMessage: (data) => port.postMessage(data),
    addEventListener: (type, listener) => {
      if (type === 'message') {
        port.on('message', listener);
        return;
      }
      if (closeWrappers.has(listener)) return;
      const wrapper = () => listener({ type: 'close' });
      closeWrappers.set(listener, wrapper);
      port.on('close', wrapper);
    },
    removeEventListener: (type, listener) => {
      if (type === 'message') {
        port.off('message', listener);
        return;
      }
      const wrapper = closeWrappers.get(listener);
      if (wrapper === undefined) return;
      closeWrappers.delete(listener);
      port.off('close', wrapper);
    },
    start: () => port.start(),
    close: () => port.close(),
  };
};
