import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { publicTicketViewSchema, trackAnswerBodySchema } from '../../shared/api/track';
import { ATTACHMENT_TYPES } from '../../shared/attachments/attachmentType';
import { defineRoute } from '../api/contract';
import { route } from '../api/route';
import type { FileStore } from '../attachments/fileStore';
import { sendStoredFile } from '../attachments/serveFile';
import type { Db } from '../db/connect';
import { HttpError } from '../http';
import { addressKey, createRateLimiter, type RateLimiter } from '../rateLimiter';
import type { ServerChanges } from '../sync/serverChanges';
import { answerAsCaller } from '../track/callerAnswer';
import { findPublicFile, findPublicView } from '../track/publicView';

/** Lookups a client address may make per minute unless configured (MEJA_TRACK_RATE). */
export const DEFAULT_TRACK_RATE = 20;

// One body for an unknown and a malformed code: the answer must not say which codes exist.
const NOT_FOUND_MESSAGE = 'No ticket has this code.';
const FILE_NOT_FOUND_MESSAGE = 'No file of this ticket has this id.';

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Meja</title></head>
<body style="font-family: system-ui, sans-serif; margin: 3rem"><h1>Ticket tracking is not built yet</h1>
<p>Run <code>npm run build</code> and reload this page.</p></body></html>`;

/**
 * A wildcard rather than a `:code` parameter, so that any path under /api/track (too long, empty,
 * with slashes) gets the same 404 as an unknown code.
 */
export const trackRoute = defineRoute({
  id: 'track',
  method: 'GET',
  url: '/api/track/*',
  wildcard: 'code',
  access: 'public',
  summary: "What a caller holding a ticket's code may see of it",
  description:
    'Rate-limited per client address (MEJA_TRACK_RATE a minute). An unknown code and anything that cannot be a code get the same 404. Answers carry `Cache-Control: no-store`.',
  params: {
    schema: z.object({ code: z.string().meta({ description: 'The caller code as typed: any case, with or without the dash.' }) }),
    what: 'ticket code',
  },
  responses: { 200: { description: 'The public view.', content: { 'application/json': publicTicketViewSchema } } },
  errors: ['not_found', 'rate_limited', 'database_unavailable'],
});

export const trackAnswerRoute = defineRoute({
  id: 'trackAnswer',
  method: 'POST',
  url: '/api/track/:code/answer',
  access: 'public',
  summary: '"Is your problem solved?": the caller\'s answer to the current resolution',
  description:
    'The code is the credential: rate-limited per client address as GET /api/track/<code> is (MEJA_TRACK_RATE a minute, a bucket of its own), and an unknown code and anything that cannot be a code get the same 404. One answer per resolution: 409 `not_resolved` when the ticket is not resolved, 409 `already_answered` when this resolution has an answer (a ticket reopened and resolved again can be answered again). A Yes is recorded with its rating and comment (and closes the ticket at once under MEJA_CLOSE_ON_CONFIRM); a No reopens the ticket with the comment as a public note from the caller. Answers the public view as it is after the answer.',
  params: {
    schema: z.object({ code: z.string().meta({ description: 'The caller code as typed: any case, with or without the dash.' }) }),
    what: 'ticket code',
  },
  body: { schema: trackAnswerBodySchema, what: 'answer' },
  responses: { 200: { description: 'The public view after the answer.', content: { 'application/json': publicTicketViewSchema } } },
  errors: ['not_found', 'not_resolved', 'already_answered', 'rate_limited', 'database_unavailable', 'storage_unavailable'],
});

export const trackFileRoute = defineRoute({
  id: 'trackAttachment',
  method: 'GET',
  url: '/api/track/:code/attachments/:fileId',
  access: 'public',
  summary: 'A file of a public note, for the caller holding the code',
  description:
    "The code is the credential, as for GET /api/track/<code>, and rate-limited the same way (MEJA_TRACK_RATE a minute, a bucket of its own). Only files attached to the ticket's public notes: an unknown code, an unknown file and a file of an internal note or of the ticket itself get the same 404. Served as GET /api/attachments/<id> serves files (nosniff, a sandboxing CSP, a download unless it is an image), with `Cache-Control: no-store`.",
  params: {
    schema: z.object({
      code: z.string().meta({ description: 'The caller code as typed: any case, with or without the dash.' }),
      fileId: z.string().meta({ description: 'The id in the public view (`publicNotes[].attachments[].id`).' }),
    }),
    what: 'ticket code or attachment id',
  },
  responses: {
    200: {
      description: 'The file, with the type found in its bytes at upload.',
      content: Object.fromEntries(ATTACHMENT_TYPES.map((type) => [type.split(';')[0] ?? type, z.string().meta({ format: 'binary' })])),
    },
  },
  errors: ['not_found', 'rate_limited', 'database_unavailable'],
});

/**
 * What the routes need beyond the lookups: the server's own changes and MEJA_CLOSE_ON_CONFIRM for
 * answers, the attachment files for public notes' files.
 */
export type TrackOptions = { changes: ServerChanges; closeOnConfirm: boolean; files: FileStore };

const ANSWER_REFUSALS = {
  not_found: () => new HttpError(404, 'not_found', NOT_FOUND_MESSAGE),
  not_resolved: () => new HttpError(409, 'not_resolved', 'This ticket is not resolved, so there is nothing to confirm: reload it to see where it stands.'),
  already_answered: () => new HttpError(409, 'already_answered', 'This resolution has been answered already; thank you.'),
} as const;

/**
 * The caller's side: `GET /api/track/<code>`, `POST /api/track/<code>/answer` and
 * `GET /api/track/<code>/attachments/<id>` (public, each rate-limited per client address) and the
 * tracking page at `/track`.
 */
export const trackRoutes = (app: FastifyInstance, db: Db, staticDir: string, answers: TrackOptions, perMinute = DEFAULT_TRACK_RATE, now = Date.now): void => {
  // One bucket per route, of the same size: a caller who checked their ticket a few times can still answer.
  const lookups = createRateLimiter({ perMinute, now });
  const answersLimit = createRateLimiter({ perMinute, now });
  const filesLimit = createRateLimiter({ perMinute, now });

  const takeOrRefuse = (limiter: RateLimiter, request: FastifyRequest, reply: FastifyReply): void => {
    reply.header('cache-control', 'no-store');
    const taken = limiter.take(addressKey(request.ip));
    if (!taken.ok) {
      reply.header('retry-after', String(taken.retryAfterSeconds));
      throw new HttpError(429, 'rate_limited', `Too many requests from this address: try again in ${taken.retryAfterSeconds} s.`);
    }
  };

  route(app, trackRoute, async ({ params }, request, reply) => {
    takeOrRefuse(lookups, request, reply);
    const view = await findPublicView(db, params.code);
    if (view === null) throw new HttpError(404, 'not_found', NOT_FOUND_MESSAGE);
    return view;
  });

  route(app, trackAnswerRoute, async ({ params, body }, request, reply) => {
    takeOrRefuse(answersLimit, request, reply);
    const outcome = await answerAsCaller(db, answers.changes, params.code, body, answers.closeOnConfirm);
    if (outcome !== 'recorded') throw ANSWER_REFUSALS[outcome]();
    const view = await findPublicView(db, params.code);
    if (view === null) throw new HttpError(404, 'not_found', NOT_FOUND_MESSAGE);
    return view;
  });

  route(app, trackFileRoute, async ({ params }, request, reply) => {
    takeOrRefuse(filesLimit, request, reply);
    const file = await findPublicFile(db, params.code, params.fileId);
    if (file === null) throw new HttpError(404, 'not_found', FILE_NOT_FOUND_MESSAGE);
    return sendStoredFile(reply, answers.files, file, 'no-store');
  });

  // Not under /api, so not in the OpenAPI document. Its own route, so the console's client-side fallback (webConsole.ts) never answers /track.
  app.get('/track', async (_request, reply) => {
    const page = await readFile(join(staticDir, 'track', 'index.html'), 'utf8').catch(() => null);
    return reply
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(page ?? NOT_BUILT);
  });
};
