import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { SlaPolicy } from '../shared/domain/sla';
import type { DatabaseKind } from './config';
import { installGuard, type RouteRule } from './auth/guard';
import { openDatabase, type Db } from './db/connect';
import { migrateToLatest } from './db/migrations';
import { HttpError, reasonPhrase } from './http';
import { authRoutes } from './routes/auth';
import { healthRoutes } from './routes/health';
import { syncRoutes } from './routes/sync';
import { userRoutes } from './routes/users';
import { webConsoleRoutes } from './routes/webConsole';
import { ensureAdmin } from './seed/admin';
import { seedDemo, type DemoSummary } from './seed/demo';
import { createLocalNotifier, type Notifier } from './sync/notifier';

export type StartOptions = {
  databaseUrl: string;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  adminPassword?: string | undefined;
  sessionHours?: number;
  slaPolicy?: SlaPolicy;
  demo?: boolean;
  staticDir?: string;
  /** Log level of the request log (`info`, `warn`, ...); off when absent. */
  logLevel?: string;
};

export type RunningServer = {
  url: string;
  port: number;
  kind: DatabaseKind;
  app: FastifyInstance;
  db: Db;
  notifier: Notifier;
  routes: RouteRule[];
  /** Set when this start created the admin account with a random password. */
  generatedAdminPassword: string | null;
  demo: DemoSummary | null;
  close(): Promise<void>;
};

const BODY_LIMIT = 10 * 1024 * 1024;

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; worker-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

const installErrors = (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    const status = error instanceof HttpError ? error.statusCode : error.statusCode !== undefined && error.statusCode < 500 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    const code = error instanceof HttpError ? error.code : status >= 500 ? 'internal' : (error.code ?? 'bad_request').toLowerCase();
    const message = status >= 500 ? 'The server failed to handle this request; the error is in its log.' : error.message;
    return reply.status(status).send({ statusCode: status, code, error: reasonPhrase(status), message });
  });
};

/** Opens (and migrates) the database, builds every route and listens. */
export const startServer = async (options: StartOptions): Promise<RunningServer> => {
  const handle = openDatabase(options.databaseUrl);
  const { db, kind } = handle;
  await migrateToLatest(db, kind);
  const admin = await ensureAdmin(db, kind, options.adminPassword);
  const notifier = createLocalNotifier();

  const app = Fastify({ logger: options.logLevel === undefined ? false : { level: options.logLevel }, bodyLimit: BODY_LIMIT, forceCloseConnections: true, return503OnClosing: true });
  installErrors(app);
  const routes = installGuard(app, db);
  app.addHook('onSend', async (_request, reply, payload) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
    return payload;
  });
  healthRoutes(app, kind);
  authRoutes(app, db, options.sessionHours ?? 168);
  userRoutes(app, db, kind, notifier);
  const applier = { db, kind, ...(options.slaPolicy ? { slaPolicy: options.slaPolicy } : {}) };
  syncRoutes(app, applier, notifier);
  if (options.staticDir !== undefined) await webConsoleRoutes(app, options.staticDir);
  else app.setNotFoundHandler(async (request) => {
    throw new HttpError(404, 'not_found', `No route ${request.method} ${request.url.split('?')[0] ?? ''}.`);
  });

  const demo = options.demo === true ? await seedDemo(applier) : null;
  if (demo !== null && demo.created) notifier.poke();

  await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const host = options.host === undefined || options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
  return {
    url: `http://${host}:${port}`,
    port,
    kind,
    app,
    db,
    notifier,
    routes,
    generatedAdminPassword: admin.generatedPassword,
    demo,
    close: async () => {
      notifier.close();
      await app.close();
      await handle.close();
    },
  };
};
