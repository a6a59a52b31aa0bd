import type { MejaBridge } from '../../shared/ipc/contract';

declare global {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- only an interface merges into the DOM's Window
  interface Window {
    /** Put there by the desktop shell's preload; absent in a browser. */
    meja?: MejaBridge;
  }
}

/**
 * The desktop shell's bridge, or null in the web console. Desktop mode means: the page holds no
 * token and makes no HTTP request; the main process signs in and syncs.
 */
export const desktopBridge = (): MejaBridge | null => {
  // Reading `window` in a worker or a test without a DOM would throw: there is no bridge there.
  if (typeof window === 'undefined') return null;
  const bridge = window.meja;
  return bridge !== undefined && bridge.platform === 'electron' ? bridge : null;
};

export const isDesktop = (): boolean => desktopBridge() !== null;

