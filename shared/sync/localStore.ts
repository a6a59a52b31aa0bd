import type { MutationName } from '../domain/mutationArgs';
import type { Note, RemoteSession, TicketEvent } from '../domain/records';
import type { Ticket } from '../domain/ticket';
import type { AnyEntity, EntityMap, EntityName } from './protocol';

/**
 * A local change waiting for (or just accepted by) the server.
 * `pending`: not yet accepted. `acked`: the server applied it; it stays until a pull that
 * started after the acknowledgement has brought its effect, so the screen never flickers back.
 */
export type OutboxEntry = {
  /** Local order, assigned by the store; replay follows it. */
  seq: number;
  /** Mutation id, single-use on the server. */
  id: string;
  name: MutationName;
  args: unknown;
  /** When the technician made the change, by the client clock. */
  at: string;
  actorId: string;
  state: 'pending' | 'acked';
  /** Keys (`entity/id`) of the records its optimistic result wrote. */
  touched: string[];
};

export type NewOutboxEntry = Omit<OutboxEntry, 'seq'>;

/**
 * The server's last known state of a record that local changes have touched, so the view can be
 * rebuilt as server state + remaining local changes. `data: null` means the server has no such record.
 */
export type BaseRow = { key: string; entity: EntityName; id: string; data: AnyEntity | null };

/** A local change the server refused: kept and shown with its reason, never silently dropped. */
export type RejectedChange = {
  id: string;
  name: MutationName;
  args: unknown;
  at: string;
  /** The server's reason; `current` is its state of the record when it refused (conflicts). */
  error: { code: string; message: string; current?: unknown };
  rejectedAt: string;
};

/**
 * What the sync logic needs from a local database inside one atomic transaction.
 * Bulk operations throughout: IndexedDB is slow row by row.
 */
export type LocalTx = {
  getMany<E extends EntityName>(entity: E, ids: string[]): Promise<Array<EntityMap[E] | undefined>>;
  putMany<E extends EntityName>(entity: E, records: Array<EntityMap[E]>): Promise<void>;
  deleteMany(entity: EntityName, ids: string[]): Promise<void>;
  clearEntities(): Promise<void>;
  getBases(keys: string[]): Promise<Array<BaseRow | undefined>>;
  putBases(rows: BaseRow[]): Promise<void>;
  deleteBases(keys: string[]): Promise<void>;
  clearBases(): Promise<void>;
  /** Every outbox entry, in `seq` order. */
  outbox(): Promise<OutboxEntry[]>;
  addOutbox(entry: NewOutboxEntry): Promise<void>;
  putOutbox(entries: OutboxEntry[]): Promise<void>;
  deleteOutbox(seqs: number[]): Promise<void>;
  addRejected(changes: RejectedChange[]): Promise<void>;
  getRejected(id: string): Promise<RejectedChange | undefined>;
  deleteRejected(id: string): Promise<void>;
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
  /** The events, notes and remote sessions of these tickets (through their ticket indexes). */
  ticketChildren(ticketIds: string[]): Promise<TicketChildren>;
  /** Every ticket held (the working set's pruning walks them). */
  allTickets(): Promise<Ticket[]>;
  /** Every refused change kept. */
  allRejected(): Promise<RejectedChange[]>;
};

export type TicketChildren = { events: TicketEvent[]; notes: Note[]; sessions: RemoteSession[] };

/** The reading half of a transaction. */
export type LocalReadTx = Pick<LocalTx, 'getMany' | 'getBases' | 'outbox' | 'getRejected' | 'getMeta' | 'ticketChildren' | 'allTickets' | 'allRejected'>;

export type LocalDb = {
  /** Runs `work` in one read-write transaction over every sync table: all of it lands, or none. */
  transaction<T>(work: (tx: LocalTx) => Promise<T>): Promise<T>;
  /**
   * Runs `work` in one read-only transaction: a consistent view that waits for writers only. The
   * sync engine's look at its outbox and cursor would otherwise queue behind the screen's reads
   * of tickets and events (IndexedDB starts a read-write transaction after every earlier one over
   * the same tables), which a change waits out on its way to the other consoles.
   */
  read<T>(work: (tx: LocalReadTx) => Promise<T>): Promise<T>;
};
