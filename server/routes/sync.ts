import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { pullResponseSchema, pushResponseSchema } from '../../shared/api/sync';
import { CURSOR_TOO_OLD, DEFAULT_PULL_LIMIT, MAX_PULL_LIMIT, PROTOCOL_VERSION, pushRequest, type PullResponse } from '../../shared/sync/protocol';
import { defineRoute } from '../api/contract';
import { route } from '../api/route';
import { currentUser } from '../auth/guard';
import { authenticate } from '../auth/sessions';
import { changesJson, readMeta } from '../db/changeFeed';
import { findNul, HttpError } from '../http';
import { readPullPage } from '../sync/bootstrap';
import { decodeCursor, encodeCursor, isTooOld, type Cursor } from '../sync/cursor';
import { DEFAULT_HEARTBEAT_MS, serveEventStream } from '../sync/eventStream';
import type { Notifier } from '../sync/notifier';
import type { FeedReader } from '../sync/pull';
import { applyMutationAs, happenedAt, type Applier } from '../sync/push';

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
});

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

export const pushRoute = defineRoute({
  id: 'push',
  method: 'POST',
  url: '/api/sync/push',
  access: 'signed-in',
  summary: 'Apply mutations in order, each in its own transaction',
  description: "Each mutation is applied, a duplicate, or rejected with a code; a NUL inside one mutation's args rejects that mutation only.",
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
  summary: 'Server-sent events: hello, a poke after every commit, signed-out',
  description:
    'Read with fetch and the Bearer header. `event: hello` first, `event: poke` after every commit (then pull), a `: heartbeat` comment every 25 s, and `event: signed-out` before the stream ends when its token stops working.',
  responses: {
    200: {
      description: 'An endless event stream.',
      content: { 'text/event-stream': z.string().meta({ id: 'EventStream', description: 'Server-sent events (text/event-stream).' }) },
    },
  },
});

export const syncRoutes = (app: FastifyInstance, applier: Applier, notifier: Notifier, feed: FeedReader, heartbeatMs = DEFAULT_HEARTBEAT_MS): void => {
  const { db } = applier;
  route(app, pullRoute, async ({ query }, _request, reply) => {
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
    const { changes, position, pass, hasMore, remaining } = await readPullPage(feed, db, applier.kind, from, limit, query.count !== '0');
    const cursor = encodeCursor({ epoch: meta.epoch, position, purges: meta.purges, ...(pass === undefined ? {} : { pass }) });
    const envelope = {
      protocol: PROTOCOL_VERSION,
      cursor,
      hasMore,
      ...(remaining === null ? {} : { remaining }),
      serverTime: new Date().toISOString(),
    } satisfies Omit<PullResponse, 'changes'>;
    // The stored records go out as stored (see changesJson), spliced into the envelope.
    return reply.type('application/json; charset=utf-8').send(`{"changes":${changesJson(changes)},${JSON.stringify(envelope).slice(1)}`);
  });

  route(app, pushRoute, async ({ body: push }, request) => {
    // A NUL inside a mutation's args rejects that mutation only; in the envelope it is a bad request.
    const envelopeNul = findNul({ clientId: push.clientId, sentAt: push.sentAt, mutations: push.mutations.map(({ id, name, at }) => ({ id, name, at })) });
    if (envelopeNul !== null) throw new HttpError(400, 'invalid_request', `Invalid push: ${envelopeNul}: must not contain NUL characters`);
    const user = currentUser(request);
    const results = [];
    let applied = 0;
    for (const mutation of push.mutations) {
      const now = happenedAt(Date.now(), mutation.at, push.sentAt);
      const result = await applyMutationAs(applier, push.clientId, user.id, mutation, now);
      if (result.status === 'applied') applied += 1;
      results.push(result);
    }
    if (applied > 0) notifier.announceCommit();
    return { results };
  });

  route(app, eventsRoute, async (_input, request, reply) => {
    const user = currentUser(request);
    const token = request.token ?? '';
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
      heartbeatMs,
      onCheckError: (error) => request.log.warn({ err: error }, 'event stream: could not check its token; checking again at the next heartbeat'),
    });
    request.raw.on('close', forget);
    stream.on('error', forget);
    return reply;
  });
};
