import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';
import { forwardSyncPort, type PortForwardTarget } from './syncPort';

// The page's window as the preload uses it: this folder compiles without DOM types.
declare const window: PortForwardTarget;

// The one global the page gets; everything it may ask of the main process is in shared/ipc/contract.ts.
contextBridge.exposeInMainWorld('meja', createBridge(ipcRenderer));

// The sync store's port cannot cross contextBridge; it goes to the page by window message.
forwardSyncPort(ipcRenderer, window);
