import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute } from '../api/contract';
import { route } from '../api/route';
import { APP_VERSION, type DatabaseKind } from '../config';

const healthSchema = z
  .object({
    ok: z.boolean(),
    db: z.enum(['sqlite', 'postgres']),
    version: z.string(),
    message: z.string().optional().meta({ description: 'While starting: what to do.' }),
  })
  .meta({ id: 'Health' });

export const healthRoute = defineRoute({
  id: 'health',
  method: 'GET',
  url: '/api/health',
  access: 'public',
  summary: 'Whether this instance can serve everything',
  responses: {
    200: { description: 'Ready: `{"ok": true, "db", "version"}`.', content: { 'application/json': healthSchema } },
    503: {
      description: 'Still starting (before the admin account and demo data exist): `ok` is false; wait for 200 before signing in.',
      content: { 'application/json': healthSchema },
    },
  },
});

/**
 * 200 once the instance can serve everything, 503 while it is still starting: it listens before
 * it creates the admin account and the demo data, and a load balancer or a script that signs in
 * as soon as the port answers must not get "wrong password" meanwhile.
 */
export const healthRoutes = (app: FastifyInstance, kind: DatabaseKind, isReady: () => boolean): void => {
  route(app, healthRoute, async (_input, _request, reply) => {
    if (!isReady()) return reply.code(503).send({ ok: false, db: kind, version: APP_VERSION, message: 'Meja is starting; try again in a moment.' });
    return { ok: true, db: kind, version: APP_VERSION };
  });
};
