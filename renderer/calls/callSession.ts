import type { MutationArgsMap } from '../../shared/domain/mutationArgs';

/** The ticket a call created: enough to show its code again after a reload. */
export type CallTicket = { id: string; code: string; title: string };

/**
 * A call in progress in this console. It starts when the technician answers, before any ticket
 * exists; the first ticket created during it is the one the call's duration is logged on.
 */
export type ActiveCall = { userId: string; startedAt: string; ticket: CallTicket | null };

/** The rules refuse a call longer than this; a call left running (a tab slept on) is cut here. */
const LONGEST_CALL_MS = 24 * 3_600_000;

export const startCall = (userId: string, now: Date): ActiveCall => ({ userId, startedAt: now.toISOString(), ticket: null });

/** Keeps the first ticket: a second ticket in the same call is a follow-up, not the call's own. */
export const attachTicket = (call: ActiveCall, ticket: CallTicket): ActiveCall => (call.ticket === null ? { ...call, ticket } : call);

export const callElapsedMs = (call: Pick<ActiveCall, 'startedAt'>, now: Date): number => Math.max(0, now.getTime() - Date.parse(call.startedAt));

/**
 * The `call:log` change for a call that ends now, or null when the call made no ticket (nothing to
 * log it on). The end is never before the start, nor more than the longest call after it.
 */
export const callLogFor = (call: ActiveCall, now: Date): MutationArgsMap['call:log'] | null => {
  if (call.ticket === null) return null;
  const start = Date.parse(call.startedAt);
  const end = Math.min(Math.max(now.getTime(), start), start + LONGEST_CALL_MS);
  return { ticketId: call.ticket.id, startedAt: call.startedAt, endedAt: new Date(end).toISOString() };
};

const isString = (value: unknown): value is string => typeof value === 'string';

const readTicket = (value: unknown): CallTicket | null | undefined => {
  if (value === null) return null;
  if (typeof value !== 'object') return undefined;
  const { id, code, title } = value as Record<string, unknown>;
  return isString(id) && isString(code) && isString(title) ? { id, code, title } : undefined;
};

/** A call kept across a reload, if it is well formed and belongs to this user; else null. */
export const parseStoredCall = (raw: string | null, userId: string): ActiveCall | null => {
  if (raw === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  const ticket = readTicket(record.ticket);
  if (record.userId !== userId || !isString(record.startedAt) || Number.isNaN(Date.parse(record.startedAt)) || ticket === undefined) return null;
  return { userId, startedAt: record.startedAt, ticket };
};
