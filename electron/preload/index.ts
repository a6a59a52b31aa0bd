import { contextBridge } from 'electron';

/** The one object the page sees. The typed IPC contract joins it as the desktop shell grows. */
const bridge = { platform: 'electron' as const };

contextBridge.exposeInMainWorld('meja', bridge);
