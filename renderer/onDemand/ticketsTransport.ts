import { desktopBridge } from '../desktop/bridge';
import { createDesktopTicketsTransport } from './desktopTransport';
import type { TicketsTransport } from './ticketsClient';
import { createWebTicketsTransport } from './webTransport';

let made: TicketsTransport | null = null;

/** The ticket lookups' way to the server this app has: one per page, made on first use. */
export const ticketsTransport = (): TicketsTransport => {
  if (made === null) {
    const bridge = desktopBridge();
    made = bridge === null ? createWebTicketsTransport() : createDesktopTicketsTransport(bridge);
  }
  return made;
};
