import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { helpArticleListSchema, helpArticleSchema, helpFeedbackRecordedSchema, helpFeedbackSchema } from '../../shared/api/help';
import { HELP_LIMITS } from '../../shared/knowledge/help';
import { defineRoute } from '../api/contract';
import { route } from '../api/route';
import type { Db } from '../db/connect';
import { recordHelpFeedback } from '../help/feedback';
import { findPublicArticle, searchPublicArticles } from '../help/publicArticles';
import { HttpError } from '../http';
import { addressKey, createRateLimiter } from '../rateLimiter';

/** Self-help requests a client address may make per minute unless configured (MEJA_HELP_RATE). */
export const DEFAULT_HELP_RATE = 60;

// One body for an unknown, a draft and an internal article: the answer must not say which exist.
const NOT_FOUND_MESSAGE = 'No public article has this id.';

/** Article ids are mutation ids' shape (shared/domain/mutationArgs.ts): letters, digits and `_ : . -`, at most 64. */
const isArticleId = (value: string): boolean => /^[A-Za-z0-9_:.-]{1,64}$/.test(value);

const helpQuery = z.strictObject({
  q: z
    .string()
    .max(HELP_LIMITS.query, `at most ${HELP_LIMITS.query} characters`)
    .refine((value) => !value.includes('\u0000'), 'must not contain NUL characters')
    .optional()
    .meta({
      description: `Words separated by white space (the first ${HELP_LIMITS.words} count), at most ${HELP_LIMITS.query} characters; an article matches when every word is part of its title, category, tags or text, in any case. None: the most recent articles.`,
    }),
});

const RATE_NOTE = 'Public: no token. Rate-limited per client address (MEJA_HELP_RATE a minute, the three self-help routes together).';

export const helpSearchRoute = defineRoute({
  id: 'searchHelpArticles',
  method: 'GET',
  url: '/api/help/articles',
  access: 'public',
  summary: 'Published public knowledge-base articles matching every query word',
  description: `${RATE_NOTE} Drafts and internal articles are never listed.`,
  query: { schema: helpQuery, what: 'article search' },
  responses: { 200: { description: 'The matching articles, without their text.', content: { 'application/json': helpArticleListSchema } } },
  errors: ['rate_limited'],
});

/** A wildcard rather than an `:id` parameter, so that any path under it (too long, with slashes) gets the same 404 as an unknown id. */
export const helpArticleRoute = defineRoute({
  id: 'readHelpArticle',
  method: 'GET',
  url: '/api/help/articles/*',
  wildcard: 'articleId',
  access: 'public',
  summary: 'One published public knowledge-base article',
  description: `${RATE_NOTE} An unknown id, a draft and an internal article get the same 404.`,
  params: { schema: z.object({ articleId: z.string().meta({ description: 'The article id.' }) }), what: 'article id' },
  responses: { 200: { description: 'The article, its text in Markdown.', content: { 'application/json': helpArticleSchema } } },
  errors: ['not_found', 'rate_limited'],
});

const FEEDBACK_SUFFIX = '/feedback';

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Meja</title></head>
<body style="font-family: system-ui, sans-serif; margin: 3rem"><h1>The help articles are not built yet</h1>
<p>Run <code>npm run build</code> and reload this page.</p></body></html>`;

/**
 * A wildcard too, so that a malformed id (too long, with slashes) gets the read's 404 rather than
 * another answer; the path under it is `<id>/feedback`, and anything else is not found.
 */
export const helpFeedbackRoute = defineRoute({
  id: 'answerHelpArticle',
  method: 'POST',
  url: '/api/help/articles/*',
  wildcard: 'articleIdFeedback',
  access: 'public',
  summary: '"Did this solve your problem?": a reader\'s yes or no under a published public article',
  description: `${RATE_NOTE} The path is \`/api/help/articles/<id>/feedback\`. An unknown id, a draft, an internal article, anything that cannot be an id and any other path under /api/help/articles/ get the read's 404. The answer is stored without the client address.`,
  params: {
    schema: z.object({ articleIdFeedback: z.string().meta({ description: 'The article id followed by `/feedback`.' }) }),
    what: 'article id',
  },
  body: { schema: helpFeedbackSchema, what: 'answer' },
  responses: { 200: { description: 'The answer is stored.', content: { 'application/json': helpFeedbackRecordedSchema } } },
  errors: ['not_found', 'rate_limited'],
});

/** The article id of a feedback path (`<id>/feedback`), or null for any other path. */
const feedbackArticleId = (path: string): string | null => {
  if (!path.endsWith(FEEDBACK_SUFFIX)) return null;
  const id = path.slice(0, -FEEDBACK_SUFFIX.length);
  return isArticleId(id) ? id : null;
};

/** The public self-help routes: search and read published public articles and answer under them, without signing in. */
export const helpRoutes = (app: FastifyInstance, db: Db, staticDir: string, perMinute = DEFAULT_HELP_RATE, now = Date.now): void => {
  const limiter = createRateLimiter({ perMinute, now });
  const admit = (request: FastifyRequest, reply: FastifyReply): void => {
    const taken = limiter.take(addressKey(request.ip));
    if (taken.ok) return;
    reply.header('retry-after', String(taken.retryAfterSeconds));
    throw new HttpError(429, 'rate_limited', `Too many requests from this address: try again in ${taken.retryAfterSeconds} s.`);
  };

  route(app, helpSearchRoute, async ({ query }, request, reply) => {
    admit(request, reply);
    return { articles: await searchPublicArticles(db, query.q ?? '') };
  });

  route(app, helpArticleRoute, async ({ params }, request, reply) => {
    admit(request, reply);
    // Anything that cannot be an article id is not looked up (PostgreSQL text cannot even hold NUL), and gets the same 404.
    const article = isArticleId(params.articleId) ? await findPublicArticle(db, params.articleId) : null;
    if (article === null) throw new HttpError(404, 'not_found', NOT_FOUND_MESSAGE);
    return article;
  });

  route(app, helpFeedbackRoute, async ({ params, body }, request, reply) => {
    admit(request, reply);
    const id = feedbackArticleId(params.articleIdFeedback);
    // Only answers about an article the reader could have read are kept.
    const article = id === null ? null : await findPublicArticle(db, id);
    if (article === null) throw new HttpError(404, 'not_found', NOT_FOUND_MESSAGE);
    await recordHelpFeedback(db, article.id, body.solved, now());
    return { articleId: article.id, solved: body.solved };
  });

  // The self-help page: /help (search) and /help/<id> (an article), the same page reading its place
  // from the address. Not under /api, so not in the OpenAPI document; its own routes, so the
  // console's client-side fallback (webConsole.ts) never answers them.
  const page = async (_request: FastifyRequest, reply: FastifyReply) => {
    const html = await readFile(join(staticDir, 'help', 'index.html'), 'utf8').catch(() => null);
    return reply
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(html ?? NOT_BUILT);
  };
  app.get('/help', page);
  app.get('/help/*', page);
};
