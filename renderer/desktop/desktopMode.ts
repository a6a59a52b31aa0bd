import type { MejaBridge } from '../../shared/ipc/contract';
import type { SessionServices } from '../app/sessionSlice';
import { openWorkspaceWith } from '../sync/openWorkspace';
import { createBridgeEngine } from './bridgeEngine';
import { createDesktopServices } from './desktopServices';

/**
 * The desktop app's services: the main process signs in, keeps the token and syncs over HTTP;
 * the page keeps the cache and serves it to the main process on the port it sends.
 */
export const createDesktopModeServices = (bridge: MejaBridge): SessionServices =>
  createDesktopServices(bridge, (user) => openWorkspaceWith(user, (cache) => createBridgeEngine(bridge, cache.serve, window)));
