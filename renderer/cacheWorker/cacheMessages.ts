import type { PullResponse } from '../../shared/sync/protocol';
import type { TicketChange } from '../queue/ticketChanges';

/*
 * What the page and the cache worker tell each other besides the sync steps themselves (those
 * travel as shared/sync/stepMessages.ts says, on the same page port). Every message names its
 * kind in `type`; the step messages have none, so each side's listeners tell them apart.
 */

/** Page → worker, on the worker itself: open the cache `name` and serve its steps on the one port sent with it. */
export type OpenCacheMessage = { type: 'cache:open'; name: string };
/** Page → worker: also serve the steps on the one port sent with it (the desktop main process's), instead of any earlier one. */
export type ServePortMessage = { type: 'cache:serve' };
/** Page → worker: stop serving the port of the last `cache:serve`. */
export type UnservePortMessage = { type: 'cache:unserve' };
export type ToCacheWorker = OpenCacheMessage | ServePortMessage | UnservePortMessage;

/** Worker → page, on the page port: a transaction of the worker's committed, with what it wrote (see TicketChange). */
export type CommittedMessage = { type: 'cache:committed'; change: TicketChange };
/**
 * Worker → page: a page of a pull the desktop main process drives (the page sees no other way what
 * it brought), applied and committed; never one of a pull from scratch, which is nobody's news.
 */
export type PulledMessage = { type: 'cache:pulled'; page: PullResponse };
export type FromCacheWorker = CommittedMessage | PulledMessage;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const isTicketChange = (value: unknown): value is TicketChange =>
  isObject(value) &&
  (value.stamp === undefined || typeof value.stamp === 'number') &&
  (value.kind === 'all' || (value.kind === 'some' && value.written instanceof Map && value.timelines instanceof Set));

const isPullPage = (value: unknown): value is PullResponse => isObject(value) && Array.isArray(value.changes) && typeof value.cursor === 'string';

/** A notice from the worker, or null for anything else (a step's answer, which the step port reads). */
export const parseFromWorker = (data: unknown): FromCacheWorker | null => {
  if (!isObject(data)) return null;
  if (data.type === 'cache:committed' && isTicketChange(data.change)) return { type: data.type, change: data.change };
  if (data.type === 'cache:pulled' && isPullPage(data.page)) return { type: data.type, page: data.page };
  return null;
};

/** A message for the worker, or null for anything else. */
export const parseToWorker = (data: unknown): ToCacheWorker | null => {
  if (!isObject(data)) return null;
  if (data.type === 'cache:open' && typeof data.name === 'string' && data.name !== '') return { type: data.type, name: data.name };
  if (data.type === 'cache:serve' || data.type === 'cache:unserve') return { type: data.type };
  return null;
};
