import type { z } from 'zod';
import type { Access } from '../auth/guard';

/**
 * One HTTP route as data: what it accepts, what it answers, who may call it. `route()` (route.ts)
 * registers it with Fastify and parses input with exactly these schemas; `buildOpenApiDocument()`
 * (openapi.ts) publishes the same schemas at GET /api/openapi.json. So the document cannot differ
 * from what the server checks: there is no second copy.
 */

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * Every error code the API answers, with its status (docs/API.md, Errors). A code belongs to one
 * status, so a client may switch on the code alone.
 */
export const ERROR_STATUS = {
  invalid_request: 400,
  invalid_json: 400,
  invalid_cursor: 400,
  unsupported_protocol: 400,
  invalid_file: 400,
  unauthorized: 401,
  login_failed: 401,
  forbidden: 403,
  not_found: 404,
  request_timeout: 408,
  username_taken: 409,
  last_admin: 409,
  self_deactivation: 409,
  not_resolved: 409,
  already_answered: 409,
  cursor_too_old: 410,
  payload_too_large: 413,
  too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  malware_found: 422,
  scan_failed: 422,
  rate_limited: 429,
  headers_too_large: 431,
  internal: 500,
  storage_unavailable: 503,
  database_unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * A zod schema for one part of a request and the noun of its 400 message: "Invalid <what>: <field>: <problem>".
 * `refusal`, when given, is the whole message instead (a route whose message clients already match).
 */
export type InputPart<T> = { schema: z.ZodType<T>; what: string; refusal?: string };

/** A JSON body; `before` runs first on the raw body, for checks whose answer must come before the schema's. */
export type BodyPart<T> = InputPart<T> & { before?: (raw: unknown) => void };

/** A body that is a file, not JSON (`request.body` is what the route's own content-type parser made of it). */
export type UploadPart = { contentTypes: readonly string[]; description: string; examples?: Readonly<Record<string, string>> };

/** One answer that is not an error: its meaning, its body per media type, its headers. */
export type Answer = {
  description: string;
  content?: Readonly<Record<string, z.ZodType>>;
  headers?: Readonly<Record<string, string>>;
};

export type RouteContract = {
  /** Unique, camelCase: the OpenAPI operationId. */
  id: string;
  method: Method;
  /** Fastify's form: `:name` for a path parameter, a final `*` for the rest of the path. */
  url: string;
  access: Access;
  summary: string;
  description?: string;
  /** Object schema of the path parameters; a final `*` is given to the handler under `wildcard`'s name. */
  params?: InputPart<Record<string, string>>;
  wildcard?: string;
  query?: InputPart<unknown>;
  body?: BodyPart<unknown>;
  upload?: UploadPart;
  /** Statuses that are not errors (2xx, and the few non-error shapes such as a starting server's 503). */
  responses: Readonly<Record<number, Answer>>;
  /**
   * Error codes this route answers itself. Those every route of its kind can answer (401/403 from
   * the guard, bad JSON, a body too large, an over-long path part, ...) are added by `errorCodesOf`.
   */
  errors?: readonly ErrorCode[];
  /** The handler checks its body for NUL characters itself (push: per mutation). */
  checksNul?: boolean;
};

/** Checks a contract's shape and keeps its literal types for the handler. */
export const defineRoute = <const C extends RouteContract>(contract: C): C => contract;

/**
 * Every error code a route can answer: its own, the guard's, and those the framework gives any
 * route of its kind. Transport faults (a malformed request, a slow one, huge headers) and server
 * faults can meet any route.
 */
export const errorCodesOf = (contract: RouteContract): ErrorCode[] => {
  const codes = new Set<ErrorCode>(['invalid_request', 'request_timeout', 'headers_too_large', 'internal']);
  if (contract.access !== 'public') codes.add('unauthorized');
  // The guard reads the session from the database.
  if (contract.access !== 'public') codes.add('database_unavailable');
  if (typeof contract.access !== 'string') codes.add('forbidden');
  // Fastify parses a JSON body on any POST or PATCH, whether the route reads one or not (an upload route too).
  if (contract.method !== 'GET') for (const code of ['invalid_json', 'payload_too_large', 'unsupported_media_type'] as const) codes.add(code);
  if (contract.url.includes(':')) codes.add('uri_too_long');
  for (const code of contract.errors ?? []) codes.add(code);
  return [...codes];
};
