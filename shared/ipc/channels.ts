/**
 * The contract's channel names without its schemas: the preload needs only these, and keeping
 * zod out of it keeps the bundle loaded into every page small. contract.ts keys its schemas and
 * payload types by these names, so the two cannot drift apart.
 */
const requestChannels = {
  'session:get': true,
  'session:signIn': true,
  'session:signOut': true,
  'sync:now': true,
  'sync:status': true,
  'app:openExternal': true,
  'window:setTitleBadge': true,
} as const;

const eventChannels = {
  'sync:status': true,
  'deepLink:openTicket': true,
  'notification:clicked': true,
} as const;

export type RequestChannel = keyof typeof requestChannels;
export type EventChannel = keyof typeof eventChannels;

export const REQUEST_CHANNELS: readonly string[] = Object.keys(requestChannels);
export const EVENT_CHANNELS: readonly string[] = Object.keys(eventChannels);

// Own properties only, so `constructor` or `__proto__` never pass for a channel.
export const isRequestChannel = (value: unknown): value is RequestChannel =>
  typeof value === 'string' && Object.hasOwn(requestChannels, value);

export const isEventChannel = (value: unknown): value is EventChannel =>
  typeof value === 'string' && Object.hasOwn(eventChannels, value);
