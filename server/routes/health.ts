import type { FastifyInstance } from 'fastify';
import { APP_VERSION, type DatabaseKind } from '../config';

/**
 * 200 once the instance can serve everything, 503 while it is still starting: it listens before
 * it creates the admin account and the demo data, and a load balancer or a script that signs in
 * as soon as the port answers must not get "wrong password" meanwhile.
 */
export const healthRoutes = (app: FastifyInstance, kind: DatabaseKind, isReady: () => boolean): void => {
  app.get('/api/health', { config: { access: 'public' } }, async (_request, reply) => {
    if (!isReady()) return reply.code(503).send({ ok: false, db: kind, version: APP_VERSION, message: 'Meja is starting; try again in a moment.' });
    return { ok: true, db: kind, version: APP_VERSION };
  });
};
