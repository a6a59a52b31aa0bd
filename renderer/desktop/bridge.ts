import type { MejaBridge } from '../../shared/ipc/contract';

// Where the preload's contextBridge puts it. Read through globalThis rather than a Window
// declaration so the module also compiles for the tests, which have no DOM types.
const holder = globalThis as { meja?: MejaBridge };

/**
 * The desktop shell's bridge, or null in the web console. Desktop mode means: the page holds no
 * token and makes no HTTP request; the main process signs in and syncs.
 */
export const desktopBridge = (): MejaBridge | null => {
  const bridge = holder.meja;
  return typeof bridge === 'object' && bridge !== null && bridge.platform === 'electron' ? bridge : null;
};
