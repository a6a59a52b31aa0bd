import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { healthRoutes } from '../../server/routes/health';

describe('GET /api/health', () => {
  it('answers 503 with a message while the instance is starting, 200 once it is ready', async () => {
    let ready = false;
    const app = Fastify();
    healthRoutes(app, 'sqlite', () => ready);
    try {
      const starting = await app.inject({ method: 'GET', url: '/api/health' });
      expect(starting.statusCode).toBe(503);
      expect(starting.json()).toMatchObject({ ok: false, message: expect.stringContaining('starting') });
      ready = true;
      const up = await app.inject({ method: 'GET', url: '/api/health' });
      expect(up.statusCode).toBe(200);
      expect(up.json()).toMatchObject({ ok: true, db: 'sqlite' });
    } finally {
      await app.close();
    }
  });
});
