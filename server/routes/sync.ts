import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { pullResponseSchema, pushResponseSchema, ticketRecordsResponseSchema } from '../../shared/api/sync';
import type { WorkingSetParams } from '../../shared/sync/workingSet';
import { CURSOR_TOO_OLD, DEFAULT_PULL_LIMIT, MAX_PULL_LIMIT, PROTOCOL_VERSION, pushRequest, type PullResponse } from '../../shared/sync/protocol';
import { defineRoute } from '../api/contract';
import { route } from '../api/route';
import { currentUser } from '../auth/guard';
import { authenticate } from '../auth/sessions';
import { changesJson, readMeta, readTicketRecords } from '../db/changeFeed';
import { findNul, HttpError } from '../http';
import { readPullPage, type PullPage } from '../sync/bootstrap';
import { createKeptSets } from '../sync/keptSets';
import { keptOpensQuery, openedSince } from '../sync/ticketOpens';
import { heldSinceParams, workingSetQuery } from '../sync/workingSet';
import { decodeCursor, encodeCursor, isTooOld, type Cursor } from '../sync/cursor';
import { DEFAULT_HEARTBEAT_MS, serveEventStream } from '../sync/eventStream';
import { createLiveFeed } from '../sync/liveFeed';
import type { Notifier } from '../sync/notifier';
import type { FeedReader } from '../sync/pull';
import { datePush, MAX_OFFLINE_AGE_MS, SERVER_MUTATION_PREFIX, type Applier } from '../sync/push';
import type { PushQueue } from '../sync/pushQueue';

const pullQuery = z.object({
  cursor: z.string().max(200).optional().meta({ description: 'The cursor of the previous answer, exactly as received; none to start from the beginning.' }),
  limit: z
    .string()
    .regex(/^\d{1,9}$/, 'a whole number from 1 to 1000')
    .transform(Number)
    .refine((n) => n >= 1, 'at least 1')
    .optional()
    .meta({
      description: `Changes per page: a whole number from 1 (default ${DEFAULT_PULL_LIMIT}); more than ${MAX_PULL_LIMIT} is capped at ${MAX_PULL_LIMIT}.`,
    }),
  count: z.enum(['0', '1']).optional().meta({ description: '`0`: do not count what lies after the page (`remaining` is left out).' }),
  scope: z
    .enum(['working'])
    .optional()
    .meta({ description: "`working`: only the user's working set (docs/API.md, Scoped pulls). None: every record of the desk, as before." }),
  since: z.iso.datetime({ offset: true }).optional().meta({
    description: 'With `scope=working`: the time of the working set the console holds no more than (its last pruning); it also hears of those tickets.',
  }),
});

const eventsQuery = z.strictObject({
  live: z.enum(['1']).optional().meta({ description: '`1`: send live batches (`event: changes`) instead of pokes (docs/API.md, Live batches).' }),
  scope: z.enum(['working']).optional().meta({ description: "With `live=1`: `working`, batches of the user's working set, as `scope=working` pulls." }),
  since: z.iso.datetime({ offset: true }).optional().meta({
    description: "With `live=1&scope=working`: the time of the working set the console holds no more than, as a pull's `since`. Without it the stream pokes.",
  }),
});

/** At most this many tickets per catch-up request. */
export const MAX_CATCH_UP_TICKETS = 100;

const ticketRecordsQuery = z.strictObject({
  ids: z
    .string()
    .min(1, 'at least one ticket id')
    .max(MAX_CATCH_UP_TICKETS * 65)
    .transform((value) => value.split(','))
    .refine((ids) => ids.length <= MAX_CATCH_UP_TICKETS, `at most ${MAX_CATCH_UP_TICKETS} ticket ids`)
    .refine((ids) => ids.every((id) => id.length >= 1 && id.length <= 64 && !id.includes('\u0000')), 'ticket ids of 1 to 64 characters')
    .meta({ description: `Ticket ids separated by commas, at most ${MAX_CATCH_UP_TICKETS}.` }),
});

/**
 * Openings a little older than the previous page are sent again: another instance's clock, or an
 * opening whose transaction committed after a page that was read later than it began.
 */
const OPENED_SLACK_MS = 5 * 60_000;

/** Checked before the schema: these two refusals have answers of their own (a client tells an old protocol by its code). */
const checkPushEnvelope = (body: unknown): void => {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'invalid_request', 'Invalid push: the body must be a JSON object {protocol, clientId, mutations}.');
  }
  const protocol: unknown = 'protocol' in body ? body.protocol : undefined;
  if (protocol !== PROTOCOL_VERSION) {
    throw new HttpError(
      400,
      'unsupported_protocol',
      `This server speaks sync protocol ${PROTOCOL_VERSION}; the request said ${JSON.stringify(protocol ?? null)}.`,
    );
  }
};

export const pullRoute = defineRoute({
  id: 'pull',
  method: 'GET',
  url: '/api/sync/pull',
  access: 'signed-in',
  summary: 'A page of the change feed after a cursor',
  description: 'Call again with the returned cursor while `hasMore` is true (docs/API.md, Sync protocol).',
  query: { schema: pullQuery, what: 'pull query' },
  responses: { 200: { description: 'A page of changes and the cursor to continue from.', content: { 'application/json': pullResponseSchema } } },
  errors: ['invalid_cursor', 'cursor_too_old'],
});

export const ticketRecordsRoute = defineRoute({
  id: 'ticketRecords',
  method: 'GET',
  url: '/api/sync/tickets',
  access: 'signed-in',
  summary: 'Every record of some tickets, for a console catching up',
  description:
    'A console that pulls its working set asks for the whole timeline of a ticket that came (back) into it: the tickets, their events, notes and remote sessions, in their newest state. Unknown ids add nothing.',
  query: { schema: ticketRecordsQuery, what: 'ticket records query' },
  responses: { 200: { description: 'The records, in no particular order.', content: { 'application/json': ticketRecordsResponseSchema } } },
});

export const pushRoute = defineRoute({
  id: 'push',
  method: 'POST',
  url: '/api/sync/push',
  access: 'signed-in',
  summary: 'Apply mutations in order, each in a savepoint of its own',
  description:
    "Each mutation is applied, a duplicate, or rejected with a code; a rejected one changes nothing. A NUL inside one mutation's args rejects that mutation only. Mutations arriving together, from one push or several, commit in one transaction; the answer comes once that commit is durable.",
  body: { schema: pushRequest, what: 'push', before: checkPushEnvelope },
  checksNul: true,
  responses: { 200: { description: 'One result per mutation, in order.', content: { 'application/json': pushResponseSchema } } },
  errors: ['unsupported_protocol', 'storage_unavailable'],
});

export const eventsRoute = defineRoute({
  id: 'events',
  method: 'GET',
  url: '/api/sync/events',
  access: 'signed-in',
  summary: 'Server-sent events: hello, a poke or a live batch after every commit, signed-out',
  description:
    'Read with fetch and the Bearer header. `event: hello` first, `event: poke` after every commit (then pull), a `: heartbeat` comment every 25 s, and `event: signed-out` before the stream ends when its token stops working. With `live=1`, `event: changes` carries the committed rows the console would pull (docs/API.md, Live batches), and a poke comes only when a batch cannot.',
  query: { schema: eventsQuery, what: 'events query' },
  responses: {
    200: {
      description: 'An endless event stream.',
      content: { 'text/event-stream': z.string().meta({ id: 'EventStream', description: 'Server-sent events (text/event-stream).' }) },
    },
  },
});

export type SyncRouteOptions = {
  /** The working set's parameters, for scoped pulls. */
  workingSet: WorkingSetParams;
  /** The server's clock (ms); tests inject one to let time pass. */
  now?: () => number;
  heartbeatMs?: number;
  /** See `FeedScope.fewRows`. */
  fewRows?: number;
};

export const syncRoutes = (
  app: FastifyInstance,
  applier: Applier,
  pushes: PushQueue,
  notifier: Notifier,
  feed: FeedReader,
  options: SyncRouteOptions,
): void => {
  const { db, kind } = applier;
  const clock = options.now ?? Date.now;
  const params = options.workingSet;
  const heldParams = heldSinceParams(params, MAX_OFFLINE_AGE_MS);
  const keptSets = createKeptSets(db, kind);
  const live = createLiveFeed({ db, kind, feed, notifier, log: app.log, now: clock, params, heldParams });
  app.addHook('onClose', async () => live.close());
  route(app, pullRoute, async ({ query }, request, reply) => {
    const limit = Math.min(query.limit ?? DEFAULT_PULL_LIMIT, MAX_PULL_LIMIT);
    const meta = await readMeta(db);
    let from: Cursor | null = null;
    if (query.cursor !== undefined && query.cursor !== '') {
      from = decodeCursor(query.cursor);
      if (from === null) throw new HttpError(400, 'invalid_cursor', 'The cursor is malformed; send back a cursor exactly as received, or none.');
      if (isTooOld(from, meta)) {
        throw new HttpError(410, CURSOR_TOO_OLD, 'The cursor is older than what this server keeps; pull again from the start.');
      }
    }
    const now = clock();
    const user = currentUser(request);
    const isScoped = query.scope === 'working';
    const pullScope = isScoped
      ? {
          now,
          ...(options.fewRows === undefined ? {} : { fewRows: options.fewRows }),
          workingSet: (at: number) => (among?: readonly string[]) => workingSetQuery(db, kind, user.id, new Date(at).toISOString(), params, among),
          heldSet: (at: number) => (among?: readonly string[]) => workingSetQuery(db, kind, user.id, new Date(at).toISOString(), heldParams, among),
          passSet: (at: number) =>
            keptSets.get(
              `${user.id} ${at}`,
              (among) => workingSetQuery(db, kind, user.id, new Date(at).toISOString(), params, among),
              async () => (await keptOpensQuery(db, kind, user.id, at, params).execute()).map((row) => row.ticket_id),
            ),
        }
      : undefined;
    const heldSince = query.since === undefined ? undefined : Date.parse(query.since);
    const page = await readPullPage(feed, db, kind, from, limit, query.count !== '0', pullScope, heldSince);
    const { changes, position, pass, hasMore, remaining, scanned } = page;
    const cursor = encodeCursor({
      epoch: meta.epoch,
      position,
      purges: meta.purges,
      ...(pass === undefined ? {} : { pass }),
      ...(page.scopeAt === undefined ? {} : { scopeAt: page.scopeAt }),
    });
    const envelope = {
      protocol: PROTOCOL_VERSION,
      cursor,
      hasMore,
      ...(remaining === null ? {} : { remaining }),
      serverTime: new Date(now).toISOString(),
      ...(isScoped ? await scopedFields(from, page, user.id, now) : {}),
      ...(scanned === undefined ? {} : { mark: { epoch: meta.epoch, purges: meta.purges, tx: scanned.tx, seq: scanned.seq } }),
    } satisfies Omit<PullResponse, 'changes'>;
    // The stored records go out as stored (see changesJson), spliced into the envelope.
    return reply.type('application/json; charset=utf-8').send(`{"changes":${changesJson(changes)},${JSON.stringify(envelope).slice(1)}`);
  });

  /** What a scoped page adds: its scope time, whether it is a snapshot, the openings it should know of, the parameters on the last page. */
  const scopedFields = async (from: Cursor | null, page: PullPage, userId: string, now: number) => {
    const scopeAt = page.scopeAt ?? now;
    // From scratch: every kept opening (the set of the pull's start time has them). Later: those since the previous page.
    // After a live batch's cursor, which said nothing of openings: every kept one.
    const since = from === null || from.openingsUnknown === true ? null : from.pass === undefined ? (from.scopeAt ?? 0) - OPENED_SLACK_MS : undefined;
    const opened = since === undefined ? [] : await openedSince(db, kind, userId, scopeAt, params, since);
    return {
      scopeAt: new Date(scopeAt).toISOString(),
      snapshot: page.snapshot,
      ...(opened.length > 0 || from === null ? { opened } : {}),
      ...(page.hasMore ? {} : { scope: params }),
    };
  };

  route(app, ticketRecordsRoute, async ({ query }, _request, reply) => {
    const changes = await readTicketRecords(db, [...new Set(query.ids)]);
    return reply.type('application/json; charset=utf-8').send(`{"changes":${changesJson(changes)}}`);
  });

  route(app, pushRoute, async ({ body: push }, request) => {
    // A NUL inside a mutation's args rejects that mutation only; in the envelope it is a bad request.
    const envelopeNul = findNul({ clientId: push.clientId, sentAt: push.sentAt, mutations: push.mutations.map(({ id, name, at }) => ({ id, name, at })) });
    if (envelopeNul !== null) throw new HttpError(400, 'invalid_request', `Invalid push: ${envelopeNul}: must not contain NUL characters`);
    const reserved = push.mutations.find((mutation) => mutation.id.startsWith(SERVER_MUTATION_PREFIX));
    if (reserved !== undefined)
      throw new HttpError(400, 'invalid_request', `Invalid push: mutation ids beginning "${SERVER_MUTATION_PREFIX}" are the server's own.`);
    const user = currentUser(request);
    const dates = datePush(clock(), push.mutations, push.sentAt);
    const mutations = push.mutations.map((mutation, i) => ({ mutation, now: dates[i] ?? new Date(clock()).toISOString() }));
    return { results: await pushes.submit({ clientId: push.clientId, actorId: user.id, mutations }) };
  });

  route(app, eventsRoute, async ({ query }, request, reply) => {
    const user = currentUser(request);
    const token = request.token ?? '';
    // A working-set console that names no `since` cannot be served as its pull would be: it is poked.
    const liveScope =
      query.live !== '1' ? undefined : query.scope !== 'working' ? null : query.since === undefined ? undefined : { since: Date.parse(query.since) };
    reply.hijack();
    const stream = reply.raw;
    stream.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const forget = serveEventStream({
      stream,
      notifier,
      userId: user.id,
      isSignedIn: async () => (await authenticate(db, token)) !== null,
      heartbeatMs: options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS,
      onCheckError: (error) => request.log.warn({ err: error }, 'event stream: could not check its token; checking again at the next heartbeat'),
      ...(liveScope === undefined ? {} : { live: { feed: live, scope: liveScope } }),
    });
    request.raw.on('close', forget);
    stream.on('error', forget);
    return reply;
  });
};
