import type { SyncState } from '../../shared/sync/engine';
import { useApp } from '../app/store';
import { useWorkspace } from '../app/useWorkspace';
import { onDemandTickets, type OnDemandTickets } from './onDemandTickets';
import { ticketsTransport } from './ticketsTransport';

/**
 * Whether the console may ask the server now, by the sync's state: not while it is offline (the
 * network went, or the server could not be reached), signed out or stopped. A server that answered
 * with an error is still there to ask.
 */
export const canAskServer = (state: SyncState): boolean => state !== 'offline' && state !== 'signed-out' && state !== 'stopped';

/** Whether the console may ask the server now, live. */
export const useCanAskServer = (): boolean => useApp((app) => canAskServer(app.syncStatus.state));

/** The signed-in workspace's tickets read on demand, over this app's way to the server. */
export const useOnDemandTickets = (): OnDemandTickets => onDemandTickets(useWorkspace(), ticketsTransport);
