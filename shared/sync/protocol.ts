import { z } from 'zod';
import type { CannedReply, PublicUser, Note, RemoteSession, TicketEvent } from '../domain/records';
import type { Article, ArticleVersion } from '../knowledge/article';
import type { TrainingClass } from '../training/trainingClass';
import type { Ticket } from '../domain/ticket';
import type { OpenedTicket } from './openedTickets';
import type { WorkingSetParams } from './workingSet';

/** Bumped only when an existing shape changes; additions keep the version. */
export const PROTOCOL_VERSION = 1;
export const MAX_PULL_LIMIT = 1000;
export const DEFAULT_PULL_LIMIT = 500;
export const MAX_PUSH_MUTATIONS = 1000;

export const ENTITY_NAMES = ['ticket', 'event', 'note', 'session', 'user', 'reply', 'article', 'articleVersion', 'class'] as const;
export type EntityName = (typeof ENTITY_NAMES)[number];

export const isEntityName = (name: string): name is EntityName => ENTITY_NAMES.some((known) => known === name);

export type EntityMap = {
  ticket: Ticket;
  event: TicketEvent;
  note: Note;
  session: RemoteSession;
  user: PublicUser;
  reply: CannedReply;
  article: Article;
  articleVersion: ArticleVersion;
  class: TrainingClass;
};
export type AnyEntity = EntityMap[EntityName];

/** One entry of the change feed: the newest state of one record, or its deletion. */
export type Change = {
  [E in EntityName]: { entity: E; id: string; op: 'put'; data: EntityMap[E] } | { entity: E; id: string; op: 'delete'; data: null };
}[EntityName];

export type PullResponse = {
  protocol: typeof PROTOCOL_VERSION;
  changes: Change[];
  /** Opaque; hand it back unchanged. */
  cursor: string;
  hasMore: boolean;
  /**
   * Changes after this page when it was read: 0 when `hasMore` is false. Added without a
   * protocol bump, so an older server leaves it out; clients then show no percentage.
   */
  remaining?: number;
  /**
   * The server's clock when it read the page (ISO 8601). Consoles run their SLA clocks by it, not
   * by their own clock, which may be off by any amount. An older server leaves it out.
   */
  serverTime?: string;
  /**
   * Present when the console asked for its working set (`scope=working`); an older server leaves
   * them out and sends the whole desk, which a scoped console then holds (docs/API.md, "Scoped pulls").
   * `scopeAt`: the time (ISO 8601) whose working set filtered this page.
   */
  scopeAt?: string;
  /** The page was read in a pull from scratch (a snapshot), not from the feed in order. */
  snapshot?: boolean;
  /**
   * Tickets the user opened on demand: on the first page of a pull from scratch the whole kept
   * list, on later pages the openings since the previous page (a little before it, for clocks).
   */
  opened?: OpenedTicket[];
  /** The working set's parameters, on a scoped pull's last page. */
  scope?: WorkingSetParams;
  /**
   * Read from the feed in order (not in a pull from scratch's passes): where the feed stands for
   * this console after the page, so it can tell whether a live batch follows it (`LiveChanges`).
   * An older server leaves it out; the console then pulls at every batch, as it did at every poke.
   */
  mark?: FeedMark;
};

/**
 * A place in the change feed: every row at or before it was read and tested for the console. Ordered
 * by `tx`, then `seq`, within one `epoch` and number of tombstone `purges`; marks that differ in
 * those two are not comparable (shared/sync/feedMark.ts).
 */
export type FeedMark = { epoch: string; purges: number; tx: number; seq: number };

/**
 * A live batch (`event: changes` on the event stream of a console that asked for them): the rows of
 * the feed between `after` (exclusive) and `mark` (inclusive) that this console's pull would have
 * brought, in feed order, each with its position (`positions`, the same length as `changes`), and
 * the cursor and fields of a pull page that ends at `mark`. A console whose own mark lies in
 * [`after`, `mark`) applies the rows after its mark as that page; one already at or past `mark`
 * ignores it; any other pulls from its cursor. `heldSince`: a working-set batch was filtered by the
 * set now and the set at this time (the console's `since`, which its stream named).
 */
export type LiveChanges = PullResponse & { after: FeedMark; mark: FeedMark; positions: Array<[number, number]>; heldSince?: string };

/** Answer of GET /api/sync/tickets: every record of the tickets asked for, as the feed holds them (a catch-up). */
export type TicketRecordsResponse = { changes: Change[] };

export const mutationEnvelope = z.strictObject({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(64),
  args: z.unknown(),
  /** Client clock when the technician made the change (extension: lets the server date offline work). */
  at: z.iso.datetime({ offset: true }).optional(),
});

export const pushRequest = z.strictObject({
  protocol: z.literal(PROTOCOL_VERSION),
  clientId: z.string().min(1).max(64),
  mutations: z.array(mutationEnvelope).max(MAX_PUSH_MUTATIONS),
  /** Client clock when the request was sent; with each mutation's `at` it gives the mutation's age. */
  sentAt: z.iso.datetime({ offset: true }).optional(),
});
export type PushRequest = z.infer<typeof pushRequest>;

export type MutationStatus = 'applied' | 'duplicate' | 'rejected';
export type PushResult = {
  id: string;
  status: MutationStatus;
  error?: { code: string; message: string; current?: unknown };
};
export type PushResponse = { results: PushResult[] };

/** Error body of every 4xx/5xx answer. */
export type ApiError = { statusCode: number; code: string; error: string; message: string };

/** Status 410 with this code: the cursor predates what the server keeps; pull again from the start. */
export const CURSOR_TOO_OLD = 'cursor_too_old';

export const entityKey = (entity: EntityName, id: string): string => `${entity}/${id}`;
