import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CURSOR_TOO_OLD, DEFAULT_PULL_LIMIT, MAX_PULL_LIMIT, PROTOCOL_VERSION, pushRequest, type PullResponse, type PushResponse } from '../../shared/sync/protocol';
import { currentUser } from '../auth/guard';
import { authenticate } from '../auth/sessions';
import { changesJson, readMeta } from '../db/changeFeed';
import { findNul, HttpError, parseInput } from '../http';
import { readPullPage } from '../sync/bootstrap';
import { decodeCursor, encodeCursor, isTooOld, type Cursor } from '../sync/cursor';
import { DEFAULT_HEARTBEAT_MS, serveEventStream } from '../sync/eventStream';
import type { Notifier } from '../sync/notifier';
import type { FeedReader } from '../sync/pull';
import { applyMutationAs, happenedAt, type Applier } from '../sync/push';

const pullQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z
    .string()
    .regex(/^\d{1,9}$/, 'a whole number from 1 to 1000')
    .transform(Number)
    .refine((n) => n >= 1, 'at least 1')
    .optional(),
  /** `0`: do not count what lies after the page (`remaining` is left out). */
  count: z.enum(['0', '1']).optional(),
});

export const syncRoutes = (app: FastifyInstance, applier: Applier, notifier: Notifier, feed: FeedReader, heartbeatMs = DEFAULT_HEARTBEAT_MS): void => {
  const { db } = applier;
  app.get('/api/sync/pull', { config: { access: 'signed-in' } }, async (request, reply) => {
    const query = parseInput(pullQuery, request.query, 'pull query');
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
    const envelope = { protocol: PROTOCOL_VERSION, cursor, hasMore, ...(remaining === null ? {} : { remaining }), serverTime: new Date().toISOString() } satisfies Omit<PullResponse, 'changes'>;
    // The stored records go out as stored (see changesJson), spliced into the envelope.
    return reply.type('application/json; charset=utf-8').send(`{"changes":${changesJson(changes)},${JSON.stringify(envelope).slice(1)}`);
  });

  app.post('/api/sync/push', { config: { access: 'signed-in', checksNul: true } }, async (request): Promise<PushResponse> => {
    const body: unknown = request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new HttpError(400, 'invalid_request', 'Invalid push: the body must be a JSON object {protocol, clientId, mutations}.');
    }
    const protocol: unknown = 'protocol' in body ? body.protocol : undefined;
    if (protocol !== PROTOCOL_VERSION) {
      throw new HttpError(400, 'unsupported_protocol', `This server speaks sync protocol ${PROTOCOL_VERSION}; the request said ${JSON.stringify(protocol ?? null)}.`);
    }
    const push = parseInput(pushRequest, body, 'push');
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
    if (applied > 0) notifier.poke();
    return { results };
  });

  app.get('/api/sync/events', { config: { access: 'signed-in' } }, (request, reply) => {
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
  });
};
