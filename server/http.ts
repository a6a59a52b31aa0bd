import type { Duplex } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { describeZodError } from '../shared/domain/mutate';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export const reasonPhrase = (status: number): string => REASONS[status] ?? 'Error';

/** An error that becomes the `{statusCode, code, error, message}` answer with this status. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Stable codes for the errors Fastify raises itself (body parsing, size), so clients never see
 * its internal `FST_ERR_*` names, which change between versions.
 */
export const codeForStatus = (status: number, fastifyCode: string | undefined): string => {
  if (fastifyCode === 'FST_ERR_CTP_INVALID_JSON_BODY' || fastifyCode === 'FST_ERR_CTP_EMPTY_JSON_BODY') return 'invalid_json';
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 404) return 'not_found';
  return 'invalid_request';
};

/** Validates input with a zod schema; a mismatch is a 400 naming the field. */
export const parseInput = <T>(schema: z.ZodType<T>, input: unknown, what: string): T => {
  const result = schema.safeParse(input);
  if (!result.success) throw new HttpError(400, 'invalid_request', `Invalid ${what}: ${describeZodError(result.error)}`);
  return result.data;
};

/**
 * Path of the first string (value or key) holding a NUL character, or null. PostgreSQL cannot
 * store NUL in text, so such input is refused on both engines rather than failing as a 500.
 * Walks with its own stack, not by recursion: a JSON body nested 50,000 deep (well inside the
 * 10 MB limit) overflowed the call stack and answered 500 (found by tests/server/fuzz.test.ts).
 */
type NulWalk = { value: unknown; key: string; parent: NulWalk | null; keyHasNul: boolean };

const pathOf = (step: NulWalk, root: string): string => {
  const keys: string[] = [];
  for (let at: NulWalk | null = step; at?.parent; at = at.parent) keys.push(at.key);
  return [...(root === '' ? [] : [root]), ...keys.reverse()].join('.');
};

export const findNul = (value: unknown, path = ''): string | null => {
  // Paths are built only for the answer: one string per level would cost quadratic memory.
  const pending: NulWalk[] = [{ value, key: '', parent: null, keyHasNul: false }];
  for (let step = pending.pop(); step !== undefined; step = pending.pop()) {
    if (step.keyHasNul) return pathOf(step, path);
    const here = step.value;
    if (typeof here === 'string') {
      if (here.includes('\u0000')) return pathOf(step, path) || '(value)';
      continue;
    }
    if (typeof here !== 'object' || here === null) continue;
    // Reversed onto the stack, so the first NUL in document order is the one named.
    for (const [key, item] of Object.entries(here).reverse()) pending.push({ value: item, key, parent: step, keyHasNul: key.includes('\u0000') });
  }
  return null;
};

/**
 * Errors Node's HTTP parser raises before Fastify sees a request (a request line or headers over
 * Node's 16 KB, a malformed request, a timeout) answered with the error shape: Fastify's own
 * answer has no `code` (found by tests/server/fuzz.test.ts with a 40,000-character query).
 */
export const answerClientError = (error: Error & { code?: string }, socket: Duplex): void => {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'request_timeout', 'The request took too long to arrive.']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'headers_too_large', 'The request line and headers together may be at most 16 KB: send long input in a body.']
        : [400, 'invalid_request', 'The request is not well-formed HTTP.'];
  const body = JSON.stringify({ statusCode: status, code, error: reasonPhrase(status), message });
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${reasonPhrase(status)}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy();
};

/**
 * Fastify answers a path part over its length limit (414) or one with a broken %-escape (400)
 * itself, before any route or error handler, in a shape of its own with Fastify's internal code
 * and the path echoed back. This gives them the error shape and stable codes of every other answer.
 */
export const answerFrameworkError = (error: Error & { code?: string }, _request: unknown, reply: FastifyReply): void => {
  const [status, code, message] =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? [414, 'uri_too_long', 'A part of the address is too long: ids and codes are at most 100 characters.']
      : [400, 'invalid_request', 'The address is not valid: it holds a malformed %-escape.'];
  void reply.status(status).send({ statusCode: status, code, error: reasonPhrase(status), message });
};
