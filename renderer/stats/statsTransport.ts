import { desktopBridge } from '../desktop/bridge';
import { createDesktopStatsTransport } from './desktopTransport';
import type { StatsTransport } from './statsClient';
import { createWebStatsTransport } from './webTransport';

/** The way to the statistics in this mode: through the main process in the desktop app, the page's own origin on the web. */
export const statsTransport = (): StatsTransport => {
  const bridge = desktopBridge();
  return bridge === null ? createWebStatsTransport() : createDesktopStatsTransport(bridge);
};
