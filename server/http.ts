import type { z } from 'zod';
import { describeZodError } from '../shared/domain/mutate';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
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

/** Validates input with a zod schema; a mismatch is a 400 naming the field. */
export const parseInput = <T>(schema: z.ZodType<T>, input: unknown, what: string): T => {
  const result = schema.safeParse(input);
  if (!result.success) throw new HttpError(400, 'invalid_request', `Invalid ${what}: ${describeZodError(result.error)}`);
  return result.data;
};
