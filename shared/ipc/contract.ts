import { z } from 'zod';
import type { PublicUser } from '../domain/records';
import { STATS_ROUTES, statsQuerySchema } from '../stats/api';
import type { SyncStatus } from '../sync/engine';
import { ticketsRequestSchema, type TicketsAnswer } from '../tickets/api';
import { usersRequestSchema, type UsersAnswer } from '../users/api';
import { isRequestChannel, type EventChannel, type MenuCommand, type RequestChannel } from './channels';

export {
  EVENT_CHANNELS,
  isEventChannel,
  isRequestChannel,
  REQUEST_CHANNELS,
  SYNC_PORT_MESSAGE,
  type EventChannel,
  type MenuCommand,
  type RequestChannel,
} from './channels';

/**
 * The one contract between the desktop shell's main process and the page. Channels are
 * `domain:verb`; the preload refuses any name not listed here, and the main process validates
 * every request's args with these schemas before a handler sees them.
 */

// Requests with nothing to say may omit their args; anything else sent with them is refused.
const noArgs = z.strictObject({}).optional();

// Only web addresses leave the app: file:, javascript: and custom schemes could run something locally.
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2048, 'at most 2048 characters');

export const requestArgs = {
  'app:info': noArgs,
  'session:get': noArgs,
  'session:signIn': z.strictObject({
    // Omitted: the server the app was configured with (MEJA_SERVER_URL) or last signed in to.
    serverUrl: httpUrl.optional(),
    username: z.string().trim().min(1, 'must not be blank').max(64, 'at most 64 characters'),
    password: z.string().min(1, 'must not be blank').max(1024, 'at most 1024 characters'),
    /**
     * The technician's explicit consent to sign in over plain http to another machine
     * (shared/network/transportSecurity.ts); remembered for that server. Without it the main process
     * refuses such a server before sending anything.
     */
    allowUnencrypted: z.boolean({ error: 'must be true or false' }).optional(),
  }),
  'session:signOut': noArgs,
  'sync:now': noArgs,
  'sync:status': noArgs,
  'sync:attach': noArgs,
  'app:openExternal': z.strictObject({ url: httpUrl }),
  'window:setTitleBadge': z.strictObject({
    pending: z.number().int('must be a whole number').min(0, 'must not be negative').max(1_000_000, 'at most 1000000'),
  }),
  'log:write': z.strictObject({
    level: z.enum(['debug', 'info', 'warn', 'error']),
    scope: z.string().regex(/^[a-z][a-z0-9:-]{0,31}$/, 'a short lower-case scope'),
    message: z.string().max(4000, 'at most 4000 characters'),
  }),
  // The statistics routes with the server's own query schema, so the page cannot ask for anything else.
  'stats:get': z.strictObject({ route: z.enum(STATS_ROUTES), query: statsQuerySchema }),
  // The account requests of the accounts view (list, create, change, set a password), and nothing else.
  'users:request': usersRequestSchema,
  // The server's search and one ticket by id, number or code (two GETs), and nothing else.
  'tickets:request': ticketsRequestSchema,
} as const satisfies Record<RequestChannel, z.ZodType>;

/** What the page sends (no-arg requests may omit it). */
export type RequestArgs<C extends RequestChannel> = z.input<(typeof requestArgs)[C]>;
/** What a handler receives, after validation. */
export type ParsedArgs<C extends RequestChannel> = z.output<(typeof requestArgs)[C]>;

/**
 * How the token is kept at rest: `os` is the OS keychain (Keychain, DPAPI, libsecret/kwallet);
 * `plain-text` is Electron's weak fallback on Linux without a keyring (the app warns);
 * `unavailable` means it is kept in memory only and a restart asks to sign in again.
 */
export type SecretStorageKind = 'os' | 'plain-text' | 'unavailable';

/**
 * `isUnencryptedAllowed`: the technician has allowed plain http to `serverUrl` on this computer
 * before (always false for https and loopback servers, which need no consent).
 */
export type AppInfo = { version: string; platform: string; serverUrl: string; secretStorage: SecretStorageKind; isUnencryptedAllowed: boolean };

/** Who is signed in and where. The token never crosses to the page: it stays in the main process. */
export type SessionInfo = { user: PublicUser; serverUrl: string };

export type SignInOutcome =
  | { signedIn: true; session: SessionInfo }
  /**
   * `unencrypted_connection`: the server is plain http on another machine and the technician has
   * not allowed that (`allowUnencrypted`); nothing was sent to it.
   */
  | { signedIn: false; reason: 'invalid_credentials' | 'unreachable' | 'server_error' | 'unencrypted_connection' };

/**
 * A statistics route's answer, passed through as it came (JSON or CSV text), or `unreachable`
 * when the server could not be asked; the page decides between fresh and cached figures.
 */
export type StatsGetResult =
  { kind: 'answered'; status: number; contentType: string; contentDisposition: string | null; body: string } | { kind: 'unreachable' };

type ResultTable = {
  'app:info': AppInfo;
  'session:get': SessionInfo | null;
  'session:signIn': SignInOutcome;
  'session:signOut': null;
  /** Asks for a sync now; its progress arrives as `sync:status` events. */
  'sync:now': null;
  'sync:status': SyncStatus;
  /**
   * Asks the main process for a fresh MessagePort to serve the sync store on; it arrives as a
   * SYNC_PORT_MESSAGE window message. Sent once the page's cache is open for the signed-in user.
   */
  'sync:attach': null;
  'app:openExternal': null;
  'window:setTitleBadge': null;
  'log:write': null;
  'stats:get': StatsGetResult;
  /** The account route's answer as it came (JSON text), or `unreachable`; the page reads it. */
  'users:request': UsersAnswer;
  /** The ticket route's answer as it came (JSON text), or `unreachable`; the page reads it. */
  'tickets:request': TicketsAnswer;
};

// Indexing by every channel makes a channel without a result type a compile error.
export type RequestResult<C extends RequestChannel> = { [K in RequestChannel]: ResultTable[K] }[C];

type PayloadTable = {
  'sync:status': SyncStatus;
  'deepLink:openTicket': { code: string };
  'notification:clicked': { ticketId: string };
  'menu:command': { command: MenuCommand };
};

/** Pushed from the main process to the page. An event channel without a payload type is a compile error. */
export type EventMap = { [E in EventChannel]: PayloadTable[E] };
export type EventPayload<E extends EventChannel> = EventMap[E];

/** `code` is stable for the page to branch on; `message` is for logs and people. */
export type IpcErrorCode = 'unknown_channel' | 'invalid_args' | 'forbidden_sender' | 'handler_failed';
export type IpcError = { code: IpcErrorCode; message: string };

/** Every request answers with a value or a reason; the main process never lets a handler's exception through raw. */
export type IpcResponse<C extends RequestChannel> = { ok: true; value: RequestResult<C> } | { ok: false; error: IpcError };

export type ParsedRequest<C extends RequestChannel> = { ok: true; args: ParsedArgs<C> } | { ok: false; error: IpcError };

// Same wording as mutation errors (`field: reason`), kept here so the preload bundle does not pull in the domain rules.
const describeZodError = (error: z.ZodError): string =>
  error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');

/** Validates a request's args against its channel's schema, naming the channel and each bad field. */
export const parseRequestArgs = <C extends RequestChannel>(channel: C, args: unknown): ParsedRequest<C> => {
  if (!isRequestChannel(channel)) {
    return { ok: false, error: { code: 'unknown_channel', message: `unknown IPC channel ${JSON.stringify(String(channel).slice(0, 64))}` } };
  }
  const parsed = requestArgs[channel].safeParse(args);
  if (!parsed.success) return { ok: false, error: { code: 'invalid_args', message: `${channel}: ${describeZodError(parsed.error)}` } };
  // The schema for `channel` produced these args, so they are that channel's parsed args.
  return { ok: true, args: parsed.data as ParsedArgs<C> };
};

/** The one object the preload puts on `window.meja`; its keys are exactly BRIDGE_KEYS. */
export type MejaBridge = {
  platform: 'electron';
  invoke<C extends RequestChannel>(channel: C, ...args: InvokeArgs<C>): Promise<IpcResponse<C>>;
  /** The listener gets the payload only; the returned function unsubscribes. */
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

type InvokeArgs<C extends RequestChannel> = undefined extends RequestArgs<C> ? [args?: RequestArgs<C>] : [args: RequestArgs<C>];

const bridgeKeys: Record<keyof MejaBridge, true> = { platform: true, invoke: true, on: true };
export const BRIDGE_KEYS: readonly string[] = Object.keys(bridgeKeys);
