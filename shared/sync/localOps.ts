import { applyMutation, mutationFollowReads, mutationReads, parseMutation, type ParsedMutation } from '../domain/mutate';
import type { StateReader } from '../domain/mutators';
import type { SlaPolicy } from '../domain/sla';
import { ok, type Result } from '../result';
import { FEED_MARK } from './feedMark';
import { forgetScope, keepScope, vanishedChildren } from './localScope';
import type { BaseRow, LocalTx, OutboxEntry, RejectedChange } from './localStore';
import { ENTITY_NAMES, entityKey, type AnyEntity, type EntityMap, type EntityName, type PullResponse } from './protocol';

/*
 * The local cache keeps one materialised view per entity: server state with the outbox replayed
 * on top. For every record a local change has touched it also keeps the server's version (a
 * base row), so the view can be rebuilt whenever the server state or the outbox changes:
 *   view(key) = replay(outbox entries touching key's closure, starting from base)
 * Invariant: a key touched by any outbox entry has a base row; a key with no base row shows the
 * server's state as pulled.
 */

type Key = string;
type Overlay = Map<Key, AnyEntity | null>;

const splitKey = (key: Key): { entity: EntityName; id: string } => {
  const slash = key.indexOf('/');
  const prefix = key.slice(0, slash);
  const entity = ENTITY_NAMES.find((name) => name === prefix);
  if (entity === undefined) throw new Error(`Not an entity key: ${key}`);
  return { entity, id: key.slice(slash + 1) };
};

const groupByEntity = (keys: Iterable<Key>): Map<EntityName, string[]> => {
  const groups = new Map<EntityName, string[]>();
  for (const key of keys) {
    const { entity, id } = splitKey(key);
    const ids = groups.get(entity) ?? [];
    ids.push(id);
    groups.set(entity, ids);
  }
  return groups;
};

/**
 * Reads records from the view; absent ones map to null. The entities are asked for all at once:
 * in IndexedDB each awaited request is a round trip to the browser's database process, which a
 * technician's edit waits on.
 */
const loadView = async (tx: LocalTx, keys: Iterable<Key>): Promise<Overlay> => {
  const found: Overlay = new Map();
  const groups = [...groupByEntity(keys)];
  const read = await Promise.all(groups.map(([entity, ids]) => tx.getMany(entity, ids)));
  groups.forEach(([entity, ids], g) => ids.forEach((id, i) => found.set(entityKey(entity, id), read[g]?.[i] ?? null)));
  return found;
};

const writeView = async (tx: LocalTx, records: Iterable<[Key, AnyEntity | null]>): Promise<void> => {
  const puts = new Map<EntityName, AnyEntity[]>();
  const deletes = new Map<EntityName, string[]>();
  for (const [key, data] of records) {
    const { entity, id } = splitKey(key);
    if (data === null) deletes.set(entity, [...(deletes.get(entity) ?? []), id]);
    else puts.set(entity, [...(puts.get(entity) ?? []), data]);
  }
  // Issued together (see loadView); each key is in one of them only, and a transaction keeps their order.
  await Promise.all([...[...puts].map(([entity, list]) => tx.putMany(entity, list)), ...[...deletes].map(([entity, ids]) => tx.deleteMany(entity, ids))]);
};

const readerOf =
  (...layers: Overlay[]): StateReader =>
  <E extends EntityName>(entity: E, id: string): EntityMap[E] | undefined => {
    const key = entityKey(entity, id);
    for (const layer of layers) {
      if (layer.has(key)) {
        // Records under `entity/…` keys are always of that entity.
        return (layer.get(key) ?? undefined) as EntityMap[E] | undefined;
      }
    }
    return undefined;
  };

const followKeys = (mutation: ParsedMutation, read: StateReader): Key[] => mutationFollowReads(mutation, read).map((ref) => entityKey(ref.entity, ref.id));

/**
 * Stores the server's version of keys that are about to carry a local change for the first time.
 * `known`: view records already read in this transaction (and not written since), not read again.
 */
const captureBases = async (tx: LocalTx, keys: Key[], known: Overlay = new Map()): Promise<void> => {
  if (keys.length === 0) return;
  const existing = await tx.getBases(keys);
  const missing = keys.filter((_, i) => existing[i] === undefined);
  if (missing.length === 0) return;
  const current = await loadView(
    tx,
    missing.filter((key) => !known.has(key)),
  );
  for (const key of missing) if (known.has(key)) current.set(key, known.get(key) ?? null);
  await tx.putBases(missing.map((key) => ({ key, ...splitKey(key), data: current.get(key) ?? null })));
};

/**
 * Recomputes the view of `dirty` keys (and every key linked to them through an outbox entry)
 * as base + the outbox entries that still apply, then drops base rows no entry touches any more.
 * Entries that no longer apply locally are skipped, not rejected: only the server rejects.
 */
const rebuild = async (tx: LocalTx, dirty: Iterable<Key>, outbox: OutboxEntry[]): Promise<void> => {
  const keys = new Set(dirty);
  if (keys.size === 0) return;
  const involved = new Set<OutboxEntry>();
  for (let grew = true; grew;) {
    grew = false;
    for (const entry of outbox) {
      if (involved.has(entry) || !entry.touched.some((key) => keys.has(key))) continue;
      involved.add(entry);
      entry.touched.forEach((key) => keys.add(key));
      grew = true;
    }
  }
  const keyList = [...keys];
  const bases = await tx.getBases(keyList);
  const overlay: Overlay = new Map();
  keyList.forEach((key, i) => {
    const base = bases[i];
    if (base !== undefined) overlay.set(key, base.data);
  });

  const replays = [...involved].sort((a, b) => a.seq - b.seq).map((entry) => ({ entry, parsed: parseMutation(entry.name, entry.args) }));
  const outside = new Set<Key>();
  for (const { entry, parsed } of replays) {
    if (!parsed.ok) continue;
    for (const ref of mutationReads(parsed.value, entry.actorId)) {
      const key = entityKey(ref.entity, ref.id);
      if (!overlay.has(key)) outside.add(key);
    }
  }
  const outsideState = await loadView(tx, outside);
  const read = readerOf(overlay, outsideState);
  const grownEntries = new Set<OutboxEntry>();
  const newKeys: Key[] = [];
  for (const { entry, parsed } of replays) {
    if (!parsed.ok) continue;
    // Records named by what the replay reads now (a problem's incidents, as pulled meanwhile).
    const more = followKeys(parsed.value, read).filter((key) => !overlay.has(key) && !outsideState.has(key));
    if (more.length > 0) for (const [key, record] of await loadView(tx, more)) outsideState.set(key, record);
    const result = applyMutation(parsed.value, read, { mutationId: entry.id, actorId: entry.actorId, now: entry.at });
    if (!result.ok) continue;
    for (const write of result.value) {
      const key = entityKey(write.entity, write.id);
      if (!overlay.has(key)) newKeys.push(key);
      overlay.set(key, write.data);
      if (!entry.touched.includes(key)) {
        entry.touched = [...entry.touched, key];
        grownEntries.add(entry);
      }
    }
  }
  await captureBases(tx, newKeys);
  await writeView(tx, overlay);
  if (grownEntries.size > 0) await tx.putOutbox([...grownEntries]);
  const stillTouched = new Set(outbox.flatMap((entry) => entry.touched));
  const released = [...overlay.keys()].filter((key) => !stillTouched.has(key));
  if (released.length > 0) await tx.deleteBases(released);
};

export type LocalMutation = { id: string; name: string; args: unknown; at: string; actorId: string };

/**
 * A technician's change: checked by the same rules as on the server, written to the view and
 * queued in the outbox in the caller's transaction. A refused change writes nothing.
 * A change that alters nothing (assigning the current assignee) is not queued.
 */
export const enqueueMutation = async (tx: LocalTx, mutation: LocalMutation, slaPolicy?: SlaPolicy): Promise<Result<{ queued: boolean }>> => {
  const parsed = parseMutation(mutation.name, mutation.args);
  if (!parsed.ok) return parsed;
  const state = await loadView(
    tx,
    mutationReads(parsed.value, mutation.actorId).map((ref) => entityKey(ref.entity, ref.id)),
  );
  const more = followKeys(parsed.value, readerOf(state)).filter((key) => !state.has(key));
  if (more.length > 0) for (const [key, record] of await loadView(tx, more)) state.set(key, record);
  const ctx = { mutationId: mutation.id, actorId: mutation.actorId, now: mutation.at, ...(slaPolicy ? { slaPolicy } : {}) };
  const result = applyMutation(parsed.value, readerOf(state), ctx);
  if (!result.ok) return result;
  if (result.value.length === 0) return ok({ queued: false });
  const writes: Array<[Key, AnyEntity | null]> = result.value.map((write) => [entityKey(write.entity, write.id), write.data]);
  const touched = [...new Set(writes.map(([key]) => key))];
  await captureBases(tx, touched, state);
  await Promise.all([
    writeView(tx, writes),
    tx.addOutbox({ id: mutation.id, name: parsed.value.name, args: parsed.value.args, at: mutation.at, actorId: mutation.actorId, state: 'pending', touched }),
  ]);
  return ok({ queued: true });
};

/**
 * Applies one page of the server's change feed and stores its cursor (and, for a scoped pull,
 * what it says of the working set). With `reset` (the first
 * page of a full re-sync) the view is emptied first while the outbox is kept and replayed.
 */
export const applyPullPage = async (tx: LocalTx, pulled: PullResponse, options: PullPageOptions): Promise<void> => {
  const dirty = new Set<Key>();
  // Caught-up tickets come whole: their cached records the server no longer has go.
  const caughtUp = options.caughtUp ?? [];
  const page = caughtUp.length === 0 ? pulled : { ...pulled, changes: [...pulled.changes, ...(await vanishedChildren(tx, caughtUp, pulled.changes))] };
  if (options.reset) {
    await forgetScope(tx);
    await tx.clearEntities();
    await tx.clearBases();
    const touched = [...new Set((await tx.outbox()).flatMap((entry) => entry.touched))];
    await tx.putBases(touched.map((key) => ({ key, ...splitKey(key), data: null })));
    touched.forEach((key) => dirty.add(key));
  }
  const keys = page.changes.map((change) => entityKey(change.entity, change.id));
  const bases = keys.length > 0 ? await tx.getBases(keys) : [];
  const baseUpdates: BaseRow[] = [];
  const direct: Array<[Key, AnyEntity | null]> = [];
  page.changes.forEach((change, i) => {
    const key = keys[i] ?? entityKey(change.entity, change.id);
    const data = change.op === 'put' ? change.data : null;
    const base = bases[i];
    if (base === undefined) {
      direct.push([key, data]);
    } else {
      baseUpdates.push({ ...base, data });
      dirty.add(key);
    }
  });
  if (baseUpdates.length > 0) await tx.putBases(baseUpdates);
  await writeView(tx, direct);
  await tx.setMeta('cursor', page.cursor);
  await tx.setMeta(FEED_MARK, page.mark === undefined ? '' : JSON.stringify(page.mark));
  await keepScope(tx, page, options.reset);
  if (dirty.size > 0) await rebuild(tx, dirty, await tx.outbox());
};

/**
 * `reset`: the first page of a pull from scratch. `caughtUp`: tickets whose every record the page
 * carries (a scoped console caught up on them, shared/sync/catchUp.ts).
 */
export type PullPageOptions = { reset: boolean; caughtUp?: string[] };

/** What the engine decided for each pushed mutation after reading the server's answer. */
export type PushOutcome =
  | { id: string; kind: 'acked' }
  | { id: string; kind: 'rejected'; error: { code: string; message: string; current?: unknown } }
  | { id: string; kind: 'requeue'; newId: string; args: unknown };

export const applyPushOutcomes = async (tx: LocalTx, outcomes: PushOutcome[], now: string): Promise<void> => {
  const outbox = await tx.outbox();
  const byId = new Map(outbox.map((entry) => [entry.id, entry]));
  const updated: OutboxEntry[] = [];
  const removed = new Set<number>();
  const rejected: RejectedChange[] = [];
  const dirty = new Set<Key>();
  for (const outcome of outcomes) {
    const entry = byId.get(outcome.id);
    if (entry === undefined) continue;
    if (outcome.kind === 'acked') {
      entry.state = 'acked';
      updated.push(entry);
    } else if (outcome.kind === 'rejected') {
      removed.add(entry.seq);
      rejected.push({ id: entry.id, name: entry.name, args: entry.args, at: entry.at, error: outcome.error, rejectedAt: now });
      entry.touched.forEach((key) => dirty.add(key));
    } else {
      entry.id = outcome.newId;
      entry.args = outcome.args;
      entry.state = 'pending';
      updated.push(entry);
      entry.touched.forEach((key) => dirty.add(key));
    }
  }
  if (updated.length > 0) await tx.putOutbox(updated);
  if (removed.size > 0) await tx.deleteOutbox([...removed]);
  if (rejected.length > 0) await tx.addRejected(rejected);
  await rebuild(
    tx,
    dirty,
    outbox.filter((entry) => !removed.has(entry.seq)),
  );
};

/**
 * Sends a refused change again as a new change (mutation ids are single-use), with `args`
 * adjusted by the technician if given (say, the status the ticket really has now). The local rules
 * check it first; if they refuse, the rejected change stays where it is.
 */
export const retryRejected = async (
  tx: LocalTx,
  rejectedId: string,
  retry: { newId: string; at: string; actorId: string; args?: unknown },
  slaPolicy?: SlaPolicy,
): Promise<Result<{ queued: boolean }>> => {
  const rejected = await tx.getRejected(rejectedId);
  if (rejected === undefined) return ok({ queued: false });
  const result = await enqueueMutation(
    tx,
    { id: retry.newId, name: rejected.name, args: retry.args ?? rejected.args, at: retry.at, actorId: retry.actorId },
    slaPolicy,
  );
  if (result.ok) await tx.deleteRejected(rejectedId);
  return result;
};

/** Drops a refused change on purpose: the technician has seen it and lets it go. */
export const discardRejected = (tx: LocalTx, rejectedId: string): Promise<void> => tx.deleteRejected(rejectedId);

/** Drops acknowledged entries once a complete pull has brought their effect from the server. */
export const settleAcked = async (tx: LocalTx, ids: string[]): Promise<void> => {
  if (ids.length === 0) return;
  const wanted = new Set(ids);
  const outbox = await tx.outbox();
  const done = outbox.filter((entry) => entry.state === 'acked' && wanted.has(entry.id));
  if (done.length === 0) return;
  await tx.deleteOutbox(done.map((entry) => entry.seq));
  const doneSeqs = new Set(done.map((entry) => entry.seq));
  await rebuild(
    tx,
    done.flatMap((entry) => entry.touched),
    outbox.filter((entry) => !doneSeqs.has(entry.seq)),
  );
};
