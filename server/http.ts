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
 */
export const findNul = (value: unknown, path = ''): string | null => {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '(value)' : null;
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    const here = path === '' ? key : `${path}.${key}`;
    if (key.includes('\u0000')) return here;
    const found = findNul(item, here);
    if (found !== null) return found;
  }
  return null;
};
