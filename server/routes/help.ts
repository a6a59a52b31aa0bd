import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { helpArticleListSchema, helpArticleSchema } from '../../shared/api/help';
import { HELP_LIMITS } from '../../shared/knowledge/help';
import { defineRoute } from '../api/contract';
import { route } from '../api/route';
import type { Db } from '../db/connect';
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

const RATE_NOTE = 'Public: no token. Rate-limited per client address (MEJA_HELP_RATE a minute, both routes together).';

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

/** The public self-help routes: search and read published public articles, without signing in. */
export const helpRoutes = (app: FastifyInstance, db: Db, perMinute = DEFAULT_HELP_RATE, now = Date.now): void => {
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
};
