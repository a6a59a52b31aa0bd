import { isOpenStatus } from '../domain/links';
import { ticketsOfChanges, ticketsToCatchUp, ticketsToDrop, type HeldTicket, type ScopeState } from './catchUp';
import { keptOpened, type OpenedTicket } from './openedTickets';
import type { LocalReadTx, LocalTx, TicketChildren } from './localStore';
import { entityKey, type Change, type PullResponse } from './protocol';
import type { WorkingSetParams } from './workingSet';

/**
 * Meta keys of the console's knowledge of its working set (ScopeState): `scopeAt` is the time whose
 * set filtered the latest page, `scopeHeldSince` the time of the set the cache holds no more than
 * (the last pruning, or the start of the pull from scratch): ScopeState's `at`.
 */
const SCOPE_AT = 'scopeAt';
const HELD_SINCE = 'scopeHeldSince';
const SCOPE_PARAMS = 'scopeParams';
const SCOPE_OPENED = 'scopeOpened';

const parseJson = <T>(text: string | undefined, fallback: T): T => {
  if (text === undefined) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};

/** Times are empty once forgotten (forgetScope). */
export const readScope = async (tx: LocalReadTx): Promise<ScopeState> => ({
  at: (await tx.getMeta(HELD_SINCE)) || null,
  params: parseJson<WorkingSetParams | null>(await tx.getMeta(SCOPE_PARAMS), null),
  opened: parseJson<OpenedTicket[]>(await tx.getMeta(SCOPE_OPENED), []),
});

/**
 * Keeps what a scoped page says of the working set: its time, the parameters (last page), and the
 * openings (merged into the opened list, trimmed as the server trims it). A re-sync from scratch
 * (`reset`) starts the list again from what the server sends.
 */
export const keepScope = async (tx: LocalTx, page: PullResponse, reset: boolean): Promise<void> => {
  if (page.scopeAt === undefined) return;
  const known = await readScope(tx);
  const params = page.scope ?? known.params;
  if (page.scope !== undefined) await tx.setMeta(SCOPE_PARAMS, JSON.stringify(page.scope));
  if (page.opened !== undefined || reset) {
    const merged = [...(reset ? [] : known.opened), ...(page.opened ?? [])];
    const kept = params === null ? merged : keptOpened(merged, page.scopeAt, params);
    await tx.setMeta(SCOPE_OPENED, JSON.stringify(kept));
  }
  await tx.setMeta(SCOPE_AT, page.scopeAt);
  if (known.at === null || reset) await tx.setMeta(HELD_SINCE, page.scopeAt);
};

/** Forgets the working set's state (a re-sync from scratch): its first page says everything again. */
export const forgetScope = async (tx: LocalTx): Promise<void> => {
  await tx.setMeta(SCOPE_AT, '');
  await tx.setMeta(HELD_SINCE, '');
  await tx.setMeta(SCOPE_OPENED, '[]');
};

const groupChildren = (ticketIds: readonly string[], children: TicketChildren, tickets: ReadonlyMap<string, HeldTicket['ticket']>): Map<string, HeldTicket> => {
  const held = new Map<string, HeldTicket>();
  for (const id of ticketIds) {
    const ticket = tickets.get(id);
    if (ticket !== undefined) held.set(id, { ticket, events: [], notes: [], sessions: [] });
  }
  for (const event of children.events) held.get(event.ticketId)?.events.push(event);
  for (const note of children.notes) held.get(note.ticketId)?.notes.push(note);
  for (const session of children.sessions) held.get(session.ticketId)?.sessions.push(session);
  return held;
};

/** The tickets a scoped page read from the feed needs caught up before it applies (`ticketsToCatchUp`). */
export const catchUpNeeded = async (tx: LocalReadTx, userId: string, page: PullResponse): Promise<string[]> => {
  if (page.scopeAt === undefined || page.snapshot === true) return [];
  const referenced = ticketsOfChanges(page.changes);
  for (const { ticketId } of page.opened ?? []) if (!referenced.has(ticketId)) referenced.set(ticketId, null);
  if (referenced.size === 0) return [];
  const ids = [...referenced.keys()];
  const stored = await tx.getMany('ticket', ids);
  const tickets = new Map(stored.flatMap((ticket) => (ticket === undefined ? [] : [[ticket.id, ticket] as const])));
  const heldIds = ids.filter((id) => tickets.has(id));
  const held = groupChildren(heldIds, await tx.ticketChildren(heldIds), tickets);
  const scope = await readScope(tx);
  return ticketsToCatchUp({ userId, referenced, held, scope, pageAt: page.scopeAt });
};

/**
 * The deletions a catch-up implies: the cached events, notes and sessions of the caught-up tickets
 * that the server no longer has (they were deleted while their changes were held back).
 */
export const vanishedChildren = async (tx: LocalTx, ticketIds: string[], fresh: readonly Change[]): Promise<Change[]> => {
  if (ticketIds.length === 0) return [];
  const present = new Set(fresh.map((change) => entityKey(change.entity, change.id)));
  const cached = await tx.ticketChildren(ticketIds);
  const gone = (entity: 'event' | 'note' | 'session', ids: string[]): Change[] =>
    ids.filter((id) => !present.has(entityKey(entity, id))).map((id) => ({ entity, id, op: 'delete', data: null }));
  return [
    ...gone(
      'event',
      cached.events.map((record) => record.id),
    ),
    ...gone(
      'note',
      cached.notes.map((record) => record.id),
    ),
    ...gone(
      'session',
      cached.sessions.map((record) => record.id),
    ),
  ];
};

/** The tickets with local work: touched by an outbox entry (sent or not) or a base, or named by a refused change. */
const ticketsWithLocalWork = async (tx: LocalTx): Promise<Set<string>> => {
  const keys = new Set((await tx.outbox()).flatMap((entry) => entry.touched));
  const keep = new Set<string>();
  const childIds: Record<'event' | 'note' | 'session', string[]> = { event: [], note: [], session: [] };
  for (const key of keys) {
    const [entity, id] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
    if (entity === 'ticket') keep.add(id);
    else if (entity === 'event' || entity === 'note' || entity === 'session') childIds[entity].push(id);
  }
  for (const entity of ['event', 'note', 'session'] as const) {
    for (const record of await tx.getMany(entity, childIds[entity])) if (record !== undefined) keep.add(record.ticketId);
  }
  for (const change of await tx.allRejected()) {
    const args: unknown = change.args;
    if (typeof args !== 'object' || args === null) continue;
    const named = change.name.startsWith('ticket:') ? (args as { id?: unknown }).id : (args as { ticketId?: unknown }).ticketId;
    if (typeof named === 'string') keep.add(named);
  }
  return keep;
};

/**
 * Drops the held tickets that left the working set of the latest page's time (`ticketsToDrop`), with
 * their events, notes and sessions, keeping every ticket with local work. Returns how many went.
 */
export const pruneWorkingSet = async (tx: LocalTx, userId: string): Promise<number> => {
  const latest = (await tx.getMeta(SCOPE_AT)) || null;
  const scope = { ...(await readScope(tx)), at: latest };
  if (scope.at === null || scope.params === null) return 0;
  // From now on the cache holds no more than the set of `latest` (and tickets with local work).
  await tx.setMeta(HELD_SINCE, scope.at);
  const ended = (await tx.allTickets()).filter((ticket) => !isOpenStatus(ticket.status));
  if (ended.length === 0) return 0;
  const ids = ended.map((ticket) => ticket.id);
  const held = groupChildren(ids, await tx.ticketChildren(ids), new Map(ended.map((ticket) => [ticket.id, ticket])));
  const dropped = ticketsToDrop(userId, held.values(), scope, await ticketsWithLocalWork(tx));
  if (dropped.length === 0) return 0;
  const children = [...dropped.flatMap((id) => held.get(id) ?? [])];
  await tx.deleteMany(
    'event',
    children.flatMap((ticket) => ticket.events.map((record) => record.id)),
  );
  await tx.deleteMany(
    'note',
    children.flatMap((ticket) => ticket.notes.map((record) => record.id)),
  );
  await tx.deleteMany(
    'session',
    children.flatMap((ticket) => ticket.sessions.map((record) => record.id)),
  );
  await tx.deleteMany('ticket', dropped);
  return dropped.length;
};
