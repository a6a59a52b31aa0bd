import type { FastifyInstance } from 'fastify';
import { APP_VERSION, type DatabaseKind } from '../config';

export const healthRoutes = (app: FastifyInstance, kind: DatabaseKind): void => {
  app.get('/api/health', { config: { access: 'public' } }, async () => ({ ok: true, db: kind, version: APP_VERSION }));
};
