import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

// The one global the page gets; everything it may ask of the main process is in shared/ipc/contract.ts.
contextBridge.exposeInMainWorld('meja', createBridge(ipcRenderer));
