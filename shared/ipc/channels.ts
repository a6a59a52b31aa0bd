/**
 * The contract's channel names without its schemas: the preload needs only these, and keeping
 * zod out of it keeps the bundle loaded into every page small. contract.ts keys its schemas and
 * payload types by these names, so the two cannot drift apart.
 */
const requestChannels = {
  'app:info': true,
  'session:get': true,
  'session:signIn': true,
  'session:signOut': true,
  'sync:now': true,
  'sync:status': true,
  'sync:attach': true,
  'app:openExternal': true,
  'window:setTitleBadge': true,
  'log:write': true,
  'stats:get': true,
  'users:request': true,
  'tickets:request': true,
} as const;

const eventChannels = {
  'sync:status': true,
  'deepLink:openTicket': true,
  'notification:clicked': true,
  'menu:command': true,
} as const;

/**
 * The window message that carries the sync store's MessagePort from the preload to the page
 * (`window.postMessage`, origin-checked): contextBridge cannot pass a port, so the preload
 * forwards the one the main process sent in answer to `sync:attach`.
 */
export const SYNC_PORT_MESSAGE = 'meja:sync-port';

/** The console commands the application menu can run in the page; ids match renderer/commands. */
export const MENU_COMMANDS = [
  'ticket:new',
  'call:answer',
  'ticket:take-next',
  'ticket:close',
  'palette:open',
  'queue:search',
  'queue:following',
  'view:statistics',
  'view:accounts',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export type RequestChannel = keyof typeof requestChannels;
export type EventChannel = keyof typeof eventChannels;

export const REQUEST_CHANNELS: readonly string[] = Object.keys(requestChannels);
export const EVENT_CHANNELS: readonly string[] = Object.keys(eventChannels);

// Own properties only, so `constructor` or `__proto__` never pass for a channel.
export const isRequestChannel = (value: unknown): value is RequestChannel => typeof value === 'string' && Object.hasOwn(requestChannels, value);

export const isEventChannel = (value: unknown): value is EventChannel => typeof value === 'string' && Object.hasOwn(eventChannels, value);
