import { ATTACHMENT_ROUTES } from './attachments';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, type RouteContract } from '../api/contract';
import { buildOpenApiDocument } from '../api/openapi';
import { route } from '../api/route';
import { APP_VERSION } from '../config';
import { auditRoute } from './audit';
import { loginRoute, logoutRoute, meRoute } from './auth';
import { healthRoute } from './health';
import { helpArticleRoute, helpFeedbackRoute, helpSearchRoute } from './help';
import { importRoute } from './import';
import { statsContracts } from './stats';
import { eventsRoute, pullRoute, pushRoute, ticketRecordsRoute } from './sync';
import { syncScopeRoute } from './syncScope';
import { searchTicketsRoute, ticketRoute } from './tickets';
import { trackAnswerRoute, trackFileRoute, trackRoute } from './track';
import { createUserRoute, listUsersRoute, setPasswordRoute, updateUserRoute } from './users';

export const openApiRoute = defineRoute({
  id: 'openApiDocument',
  method: 'GET',
  url: '/api/openapi.json',
  access: 'public',
  summary: 'This document: the API as OpenAPI 3.1',
  description: 'Generated at start from the route contracts, the same zod schemas that check requests.',
  responses: {
    200: { description: 'The OpenAPI 3.1 document.', content: { 'application/json': z.record(z.string(), z.unknown()).meta({ id: 'OpenApiDocument' }) } },
  },
});

/**
 * Every /api route the server registers. tests/server/openapi.test.ts compares the document with
 * the routes the guard saw registered, so a route left out here (or added without a contract) fails it.
 */
export const API_CONTRACTS: readonly RouteContract[] = [
  healthRoute,
  openApiRoute,
  loginRoute,
  logoutRoute,
  meRoute,
  createUserRoute,
  updateUserRoute,
  setPasswordRoute,
  listUsersRoute,
  ...statsContracts,
  importRoute,
  auditRoute,
  pullRoute,
  ticketRecordsRoute,
  pushRoute,
  eventsRoute,
  syncScopeRoute,
  searchTicketsRoute,
  ticketRoute,
  trackRoute,
  trackAnswerRoute,
  trackFileRoute,
  helpSearchRoute,
  helpArticleRoute,
  ...ATTACHMENT_ROUTES,
  helpFeedbackRoute,
];

/** GET /api/openapi.json, built and serialized once at start: it is the same for every request. */
export const openApiRoutes = (app: FastifyInstance): void => {
  const text = JSON.stringify(buildOpenApiDocument(API_CONTRACTS, APP_VERSION));
  route(app, openApiRoute, async (_input, _request, reply) => reply.type('application/json; charset=utf-8').send(text));
};
