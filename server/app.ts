import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { installCompression } from './compression';
import { sql } from 'kysely';
import type { SlaPolicy } from '../shared/domain/sla';
import { DEFAULT_WORKING_SET_PARAMS, type WorkingSetParams } from '../shared/sync/workingSet';
import { DEFAULT_STATIC_DIR, type DatabaseKind } from './config';
import { attachmentSettingsOf, type AttachmentSettings } from './attachments/attachmentSettings';
import { installGuard, type RouteRule } from './auth/guard';
import { createLoginLimits, DEFAULT_LOGIN_ACCOUNT_RATE, DEFAULT_LOGIN_ADDRESS_RATE } from './auth/loginLimits';
import { openDatabase, type Db, type DbHandle } from './db/connect';
import { migrateToLatest } from './db/migrations';
import { databaseUnreachableOf } from './db/databaseUnreachable';
import { storageFaultOf } from './db/storageFault';
import { answerClientError, answerFrameworkError, codeForStatus, findNul, HttpError, reasonPhrase } from './http';
import { createFileStore } from './attachments/fileStore';
import { createUploadCleanup, DEFAULT_UPLOAD_CLEANUP_EVERY_MS, scheduleUploadCleanup, type UploadCleanup } from './attachments/uploadCleanup';
import { attachmentRoutes } from './routes/attachments';
import { auditRoutes } from './routes/audit';
import { authRoutes } from './routes/auth';
import { healthRoutes } from './routes/health';
import { importRoutes } from './routes/import';
import { openApiRoutes } from './routes/openapi';
import { statsRoutes } from './routes/stats';
import { syncRoutes } from './routes/sync';
import { syncScopeRoutes } from './routes/syncScope';
import { ticketRoutes } from './routes/tickets';
import { helpRoutes } from './routes/help';
import { trackRoutes } from './routes/track';
import { userRoutes } from './routes/users';
import { webConsoleRoutes } from './routes/webConsole';
import { securityHeadersFor } from './securityHeaders';
import { serverUrl } from './serverUrl';
import { ensureAdmin } from './seed/admin';
import { seedDemo, type DemoSummary } from './seed/demo';
import { createLocalNotifier, type Notifier } from './sync/notifier';
import { createPostgresNotifier } from './sync/postgresNotifier';
import { createFeedReader } from './sync/pull';
import { createAnnouncingPushQueue } from './sync/pushQueue';
import { startMailListener, type MailListener } from './mail/mailListener';
import type { InboundMailSettings } from './mail/inboundSettings';
import { createServerChanges } from './sync/serverChanges';
import type { Applier } from './sync/push';
import type { OutboxSettings } from './mail/mailOutbox';
import { createAutoClose, DEFAULT_AUTO_CLOSE_EVERY_MS, scheduleAutoClose, type AutoClose } from './track/autoClose';
import { DEFAULT_AUTO_CLOSE_DAYS } from '../shared/domain/callerWord';
import type { TlsMaterial } from './tlsFiles';
import { createMailSender, DEFAULT_MAIL_EVERY_MS, scheduleMailSender, type MailSender } from './mail/mailSender';
import { describeSmtpUrl, type MailSettings } from './mail/mailSettings';

export type StartOptions = {
  databaseUrl: string;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  adminPassword?: string | undefined;
  sessionHours?: number;
  slaPolicy?: SlaPolicy;
  demo?: boolean;
  /** Built web console served at `/`; defaults to `dist/renderer` of this checkout. */
  staticDir?: string;
  /** Where commits are announced to event streams; in-process unless given (several instances). */
  notifier?: Notifier;
  /** PostgreSQL: how long a pull waits for an older transaction holding back newer changes (default 500 ms). */
  pullWaitMs?: number;
  /** Caller tracking lookups allowed per client address and minute (default 20). */
  trackRate?: number;
  /** Self-help requests (GET /api/help/articles…) allowed per client address and minute (default 60). */
  helpRate?: number;
  /** Failed sign-ins allowed per account (username, existing or not) and minute (default 10). */
  loginAccountRate?: number;
  /** Failed sign-ins allowed per client address and minute (default 30). */
  loginAddressRate?: number;
  /** The clock (milliseconds) the rate limits, the record of opened tickets, pushes and pulls read; tests inject one to let time pass. */
  now?: () => number;
  /** How often event streams send a heartbeat and check their token again (default 25 s); tests shorten it. */
  eventHeartbeatMs?: number;
  /** Log level of the request log (`info`, `warn`, ...); off when absent. */
  logLevel?: string;
  /** Sees the SQL of every statement the server runs through Kysely (server/db/connect.ts); tests count a push's statements with it. */
  onQuery?: (sql: string) => void;
  /** Certificate and key in PEM: the server speaks https itself. Plain http when absent. */
  tls?: TlsMaterial | null;
  /**
   * Reverse proxies (addresses, CIDR ranges) whose X-Forwarded-For gives the client address and
   * whose X-Forwarded-Proto says https; validated by `parseTrustProxy`. None when absent.
   */
  trustProxy?: string[] | null;
  /** The working set's parameters, published at GET /api/sync/scope and applied to the openings GET /api/tickets/<ref> records; the defaults when absent. */
  syncScope?: WorkingSetParams;
  /**
   * How many rows after a scoped pull's cursor are tested ticket by ticket, not against the whole
   * working set (`FEW_ROWS` of server/db/changeFeed.ts when absent); tests set 0 to cover the other way.
   */
  pullFewRows?: number;
  /** Where attachment files live, their size limit and the virus scanner; each part defaults as `attachmentSettingsOf` reads an empty environment. */
  attachments?: Partial<AttachmentSettings>;
  /** The inbound mail listener (MEJA_MAIL_LISTEN, MEJA_MAIL_DOMAINS, MEJA_MAIL_MAX_MB); none unless `listen` is set. */
  mailIn?: InboundMailSettings;
  /** Days after which a resolved ticket closes by itself (default 7, MEJA_AUTO_CLOSE_DAYS). */
  autoCloseDays?: number;
  /** A caller's Yes closes the ticket at once (default off, MEJA_CLOSE_ON_CONFIRM). */
  closeOnConfirm?: boolean;
  /** How often the automatic close runs (default 5 minutes); 0: never by itself (tests call `autoClose.runOnce()`). */
  autoCloseEveryMs?: number;
  /** Mail to callers over SMTP (server/mail/mailSettings.ts); none is queued or sent when absent or null. */
  mail?: MailSettings | null;
  /** Where callers reach the server, for links in their mail (MEJA_PUBLIC_URL); the server's own address when absent or null. */
  publicUrl?: string | null;
  /** How often the mail sender looks for due mail besides after commits that queued some (default 15 s); 0: never by itself (tests call `mailSender.runOnce()`). */
  mailEveryMs?: number;
  /** How often unattached uploads older than a day are removed (default hourly); 0: never by itself (tests call `uploadCleanup.runOnce()`). */
  uploadCleanupEveryMs?: number;
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
  /** The automatic close of resolved tickets; runs on its own every `autoCloseEveryMs`. */
  autoClose: AutoClose;
  /** The sender of the mail outbox; null without mail settings. */
  mailSender: MailSender | null;
  /** The port of the inbound mail listener, or null when it is off. */
  mailPort: number | null;
  /** Removes uploads nobody attached within a day; runs on its own every `uploadCleanupEveryMs`. */
  uploadCleanup: UploadCleanup;
  close(): Promise<void>;
};

const BODY_LIMIT = 10 * 1024 * 1024;

/** Seconds a client is asked to wait when the database cannot store changes; the console's engine waits at least this long before its next automatic try. */
const STORAGE_RETRY_AFTER_S = 30;

/**
 * Seconds a client is asked to wait while the database cannot be reached (PostgreSQL restarting):
 * about what a restart takes, so consoles come back soon after it; their own backoff spreads them
 * out when the outage lasts longer.
 */
export const DATABASE_RETRY_AFTER_S = 2;

const installErrors = (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    const unreachable = databaseUnreachableOf(error);
    if (unreachable !== null) {
      // Every request fails alike until the database is back: one line each, without a stack.
      request.log.warn({ dbError: unreachable.code, dbMessage: error.message }, 'database unreachable');
      const message = 'The server cannot reach its database (it may be restarting). Your changes are kept; try again in a few seconds.';
      return reply
        .status(503)
        .header('retry-after', String(DATABASE_RETRY_AFTER_S))
        .send({ statusCode: 503, code: 'database_unavailable', error: reasonPhrase(503), message });
    }
    const storage = storageFaultOf(error);
    if (storage !== null) {
      // Every write fails alike until space returns: one line per request, without a stack.
      request.log.warn({ storageFault: storage.fault, dbCode: storage.code, dbMessage: error.message }, 'database refused a write');
      const message = 'The server cannot write to its database: the disk is full or the database is read-only. Your changes are kept; try again later.';
      return reply
        .status(503)
        .header('retry-after', String(STORAGE_RETRY_AFTER_S))
        .send({ statusCode: 503, code: 'storage_unavailable', error: reasonPhrase(503), message });
    }
    const status = error instanceof HttpError ? error.statusCode : error.statusCode !== undefined && error.statusCode < 500 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    const code = error instanceof HttpError ? error.code : status >= 500 ? 'internal' : codeForStatus(status, error.code);
    const message = status >= 500 ? 'The server failed to handle this request; the error is in its log.' : error.message;
    return reply.status(status).send({ statusCode: status, code, error: reasonPhrase(status), message });
  });
};

/** PostgreSQL cannot store NUL in text: refuse it up front as bad input instead of failing later as a 500. */
const installNulCheck = (app: FastifyInstance) => {
  app.addHook('preHandler', async (request) => {
    if (request.routeOptions.config.checksNul === true) return;
    const where = findNul(request.query) ?? findNul(request.body);
    if (where !== null) throw new HttpError(400, 'invalid_request', `Invalid request: ${where}: must not contain NUL characters`);
  });
};

/**
 * Opens (and migrates) the database, builds every route and listens. `port: 0` picks a free
 * port. `close()` stops listening, ends event streams and closes the database.
 */
export const startServer = async (options: StartOptions): Promise<RunningServer> => {
  const handle = openDatabase(options.databaseUrl, options.onQuery === undefined ? {} : { onQuery: options.onQuery });
  try {
    return await startOnOpenDatabase(handle, options);
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
};

/** Migrates the open database and makes the app and its notifier; closes the notifier if the rest fails. */
const startOnOpenDatabase = async (handle: DbHandle, options: StartOptions): Promise<RunningServer> => {
  const { db, kind } = handle;
  await migrateToLatest(db, kind);
  const app = Fastify({
    logger: options.logLevel === undefined ? false : { level: options.logLevel },
    https: options.tls ?? null,
    // Off unless listed: otherwise any client could name its own address in X-Forwarded-For.
    trustProxy: options.trustProxy ?? false,
    bodyLimit: BODY_LIMIT,
    forceCloseConnections: true,
    return503OnClosing: true,
    clientErrorHandler: answerClientError,
    // Answered before any hook runs: the security headers are added here.
    frameworkErrors: (error, request, reply) => answerFrameworkError(error, request, reply.headers(securityHeadersFor(request.protocol))),
  });
  const notifier = options.notifier ?? (kind === 'postgres' ? await postgresNotifier(options.databaseUrl, db, app) : createLocalNotifier());
  try {
    return await routeAndListen(handle, options, app, notifier);
  } catch (error) {
    notifier.close();
    throw error;
  }
};

/** Several instances on one PostgreSQL database announce their commits to each other's event streams (server/sync/postgresNotifier.ts). */
const postgresNotifier = (url: string, db: Db, app: FastifyInstance): Promise<Notifier> =>
  createPostgresNotifier(url, {
    notify: async (channel, payload) => {
      await sql`select pg_notify(${channel}, ${payload})`.execute(db);
    },
    onError: (error) => app.log.warn({ err: error }, 'cross-instance commit announcements: PostgreSQL listen or notify failed'),
  });

/**
 * The outbox's settings, or null without mail (said once in the log). The links' base is
 * MEJA_PUBLIC_URL, else the server's own address, known once it listens (`listening`).
 */
const mailOutboxSettings = (options: StartOptions, app: FastifyInstance): { settings: OutboxSettings; listening(url: string): void } | null => {
  const mail = options.mail;
  if (mail == null) {
    app.log.info('mail to callers: off (MEJA_SMTP_URL is not set); no mail is queued or sent');
    return null;
  }
  app.log.info({ smtp: describeSmtpUrl(mail.smtpUrl), from: mail.from }, 'mail to callers: on');
  const settings: OutboxSettings = { domain: mail.domain, language: mail.language, publicUrl: options.publicUrl ?? '' };
  return {
    settings,
    listening: (url) => {
      if (settings.publicUrl === '') settings.publicUrl = url;
    },
  };
};

/** Installs the hooks and every route on the app, listens, then seeds and creates the admin account. */
const routeAndListen = async (handle: DbHandle, options: StartOptions, app: FastifyInstance, notifier: Notifier): Promise<RunningServer> => {
  const { db, kind } = handle;
  // First of all hooks, so a refusal by a later one (the guard's 401) carries them; on the raw
  // answer, so the event stream, which writes its own head (hijacked), has them too.
  app.addHook('onRequest', async (request, reply) => {
    for (const [name, value] of Object.entries(securityHeadersFor(request.protocol))) reply.raw.setHeader(name, value);
  });
  installErrors(app);
  installNulCheck(app);
  await installCompression(app);
  const routes = installGuard(app, db);
  let ready = false;
  healthRoutes(app, kind, () => ready);
  openApiRoutes(app);
  const loginLimits = createLoginLimits({
    perAccount: options.loginAccountRate ?? DEFAULT_LOGIN_ACCOUNT_RATE,
    perAddress: options.loginAddressRate ?? DEFAULT_LOGIN_ADDRESS_RATE,
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  authRoutes(app, db, options.sessionHours ?? 168, loginLimits, notifier);
  userRoutes(app, db, kind, notifier);
  auditRoutes(app, db);
  statsRoutes(app, db, kind);
  // The address is known only once listening; the outbox reads it then, before any push is taken.
  const outbox = mailOutboxSettings(options, app);
  const applier: Applier = { db, kind, ...(options.slaPolicy ? { slaPolicy: options.slaPolicy } : {}), ...(outbox === null ? {} : { mail: outbox.settings }) };
  const feed = createFeedReader({ db, kind, notifier, log: app.log, ...(options.pullWaitMs === undefined ? {} : { waitMs: options.pullWaitMs }) });
  app.addHook('onClose', async () => feed.close());
  const syncScope = options.syncScope ?? DEFAULT_WORKING_SET_PARAMS;
  const clock = options.now ?? Date.now;
  const pushes = createAnnouncingPushQueue(applier, notifier);
  const changes = createServerChanges(pushes, clock);
  const closeOnConfirm = options.closeOnConfirm ?? false;
  const autoClose = createAutoClose({ db, changes, days: options.autoCloseDays ?? DEFAULT_AUTO_CLOSE_DAYS, closeOnConfirm, now: clock });
  const everyMs = options.autoCloseEveryMs ?? DEFAULT_AUTO_CLOSE_EVERY_MS;
  if (everyMs > 0) {
    const schedule = scheduleAutoClose(autoClose, everyMs, app.log);
    app.addHook('onClose', async () => schedule.stop());
  }
  const mailSender = options.mail == null ? null : createMailSender({ db, kind, settings: options.mail, changes, now: clock, log: app.log });
  if (mailSender !== null) {
    app.addHook('onClose', async () => mailSender.close());
    const mailEveryMs = options.mailEveryMs ?? DEFAULT_MAIL_EVERY_MS;
    if (mailEveryMs > 0 && outbox !== null) {
      const schedule = scheduleMailSender(mailSender, mailEveryMs, notifier.onCommit, app.log);
      outbox.settings.queued = schedule.queued;
      app.addHook('onClose', async () => schedule.stop());
    }
  }
  syncRoutes(app, applier, pushes, notifier, feed, {
    workingSet: syncScope,
    ...(options.pullFewRows === undefined ? {} : { fewRows: options.pullFewRows }),
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.eventHeartbeatMs === undefined ? {} : { heartbeatMs: options.eventHeartbeatMs }),
  });
  syncScopeRoutes(app, syncScope);
  importRoutes(app, applier, notifier);
  ticketRoutes(app, db, kind, syncScope, options.now);
  const attachmentSettings = { ...attachmentSettingsOf({}, options.databaseUrl), ...options.attachments };
  const files = createFileStore(attachmentSettings.filesDir);
  trackRoutes(app, db, options.staticDir ?? DEFAULT_STATIC_DIR, { changes, closeOnConfirm, files }, options.trackRate, options.now);
  helpRoutes(app, db, options.staticDir ?? DEFAULT_STATIC_DIR, options.helpRate, options.now);
  attachmentRoutes(app, db, attachmentSettings, files, options.now);
  const uploadCleanup = createUploadCleanup({ db, store: files, ...(options.now === undefined ? {} : { now: options.now }) });
  const cleanupEveryMs = options.uploadCleanupEveryMs ?? DEFAULT_UPLOAD_CLEANUP_EVERY_MS;
  if (cleanupEveryMs > 0) {
    const schedule = scheduleUploadCleanup(uploadCleanup, cleanupEveryMs, app.log);
    app.addHook('onClose', async () => schedule.stop());
  }
  await webConsoleRoutes(app, options.staticDir ?? DEFAULT_STATIC_DIR);

  // Listen before creating the admin account: if the port is taken, a generated password must
  // not be created and lost. The admin comes last for the same reason (a failing seed).
  await app.listen({ port: options.port, host: options.host ?? '127.0.0.1' });
  let demo: DemoSummary | null;
  let admin: Awaited<ReturnType<typeof ensureAdmin>>;
  let mailListener: MailListener | null = null;
  try {
    // The demo's made-up callers are never mailed.
    demo = options.demo === true ? await seedDemo({ ...applier, mail: undefined }) : null;
    if (demo !== null && demo.created) notifier.announceCommit();
    admin = await ensureAdmin(db, kind, options.adminPassword);
    const listen = options.mailIn?.listen ?? null;
    if (options.mailIn !== undefined && listen !== null)
      mailListener = await startMailListener({ db, changes, settings: { ...options.mailIn, listen }, tls: options.tls ?? null, log: app.log, now: clock });
    ready = true;
  } catch (error) {
    await app.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const url = serverUrl({ host: options.host, port, isHttps: options.tls != null });
  outbox?.listening(url);
  return {
    url,
    port,
    kind,
    app,
    db,
    notifier,
    routes,
    generatedAdminPassword: admin.generatedPassword,
    demo,
    autoClose,
    mailSender,
    mailPort: mailListener?.port ?? null,
    uploadCleanup,
    close: async () => {
      notifier.close();
      await mailListener?.close();
      await app.close();
      await handle.close();
    },
  };
};
