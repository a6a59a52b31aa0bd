import type { FastifyInstance } from 'fastify';
import type { PublicUser, Role } from '../../shared/domain/records';
import type { Db } from '../db/connect';
import { HttpError } from '../http';
import { authenticate } from './sessions';

/** Who may call a route: anyone, any signed-in member of staff, or only these roles. */
export type Access = 'public' | 'signed-in' | readonly Role[];

export type RouteRule = { method: string; url: string; access: Access };

declare module 'fastify' {
  // Module augmentation needs interfaces.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface FastifyContextConfig {
    access?: Access;
    /** The handler checks its body for NUL characters itself (push: per mutation). */
    checksNul?: boolean;
  }
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface FastifyRequest {
    user: PublicUser | null;
    token: string | null;
  }
}

const bearer = (header: string | undefined): string | null => {
  if (header === undefined) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1] ?? null;
};

/**
 * Every /api route must declare its access rule (start-up fails otherwise), and each request is
 * checked against it before the handler runs. Returns the table of rules, for tests and docs.
 */
export const installGuard = (app: FastifyInstance, db: Db): RouteRule[] => {
  const rules: RouteRule[] = [];
  app.decorateRequest('user', null);
  app.decorateRequest('token', null);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return;
    const access = route.config?.access;
    if (access === undefined) throw new Error(`Route ${String(route.method)} ${route.url} declares no access rule.`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') rules.push({ method, url: route.url, access });
  });
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access === 'public') return;
    const token = bearer(request.headers.authorization);
    const user = token === null ? null : await authenticate(db, token);
    if (token === null || user === null) throw new HttpError(401, 'unauthorized', 'Sign in first: this needs a valid, unexpired Bearer token.');
    if (access !== 'signed-in' && !access.includes(user.role)) {
      throw new HttpError(403, 'forbidden', `This needs the role ${access.join(' or ')}; you are signed in as ${user.role}.`);
    }
    request.user = user;
    request.token = token;
  });
  return rules;
};

/** The signed-in user of a guarded route (the guard guarantees one). */
export const currentUser = (request: { user: PublicUser | null }): PublicUser => {
  if (request.user === null) throw new HttpError(401, 'unauthorized', 'Sign in first.');
  return request.user;
};
