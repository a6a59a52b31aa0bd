import { SYNC_PORT_MESSAGE } from '../../shared/ipc/channels';
import type { IpcRendererLike } from './bridge';

/** The page's window as the preload uses it (its own postMessage with a transfer list). */
export type PortForwardTarget = {
  location: { origin: string };
  postMessage(message: unknown, targetOrigin: string, transfer: unknown[]): void;
};

const firstPortOf = (event: unknown): unknown => {
  if (typeof event !== 'object' || event === null || !('ports' in event)) return undefined;
  const { ports } = event as { ports: unknown };
  return Array.isArray(ports) ? ports[0] : undefined;
};

/**
 * Hands the sync store's MessagePort, sent by the main process after `sync:attach`, to the page.
 * contextBridge cannot pass a port, so it goes by window message, addressed to the page's own
 * origin only; the page checks source, origin and name before serving on it. Events without a
 * port are dropped; only the first port is passed on.
 */
export const forwardSyncPort = (ipc: Pick<IpcRendererLike, 'on'>, target: PortForwardTarget): void => {
  ipc.on(SYNC_PORT_MESSAGE, (event) => {
    const port = firstPortOf(event);
    if (port === undefined || port === null) return;
    target.postMessage(SYNC_PORT_MESSAGE, target.location.origin, [port]);
  });
};
