/**
 * PostgreSQL SQLSTATEs of a server that is not there for now: class 08 (the connection failed or
 * broke), and 57P01-57P03 (it is shutting down, crashed, or is still starting or recovering). A
 * restart meets all of these in turn; 53300 (too many connections) passes as well.
 */
const PG_UNREACHABLE_CLASS = '08';
const PG_UNREACHABLE_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

/** Socket errors of a connection to the database that failed or was cut. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/**
 * What pg and pg-pool throw, without a code, when a connection ends under a query, cannot be used
 * after it broke, or cannot be had in time (client.js and pg-pool's index.js).
 */
const PG_MESSAGES = new Set([
  'Connection terminated unexpectedly',
  'Connection terminated',
  'Connection terminated due to connection timeout',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'timeout exceeded when trying to connect',
  'timeout expired',
  'Query read timeout',
]);

const codeOf = (error: object): string | null => {
  const code: unknown = 'code' in error ? error.code : undefined;
  if (typeof code !== 'string') return null;
  if (code.startsWith(PG_UNREACHABLE_CLASS) && code.length === 5) return code;
  if (PG_UNREACHABLE_CODES.has(code) || SOCKET_CODES.has(code)) return code;
  // A Unix socket that is gone while the server is down.
  if (code === 'ENOENT' && 'syscall' in error && error.syscall === 'connect') return code;
  return null;
};

/**
 * Whether an error means the database cannot be reached for now (PostgreSQL restarting, stopped,
 * crashed, or the connection to it cut), with a short name of what was seen: the server answers
 * 503 with Retry-After, and the same request succeeds once the database is back. Causes and the
 * parts of an AggregateError (a host name with several addresses) are followed a few levels.
 */
export const databaseUnreachableOf = (error: unknown): { code: string } | null => {
  const pending: Array<{ value: unknown; depth: number }> = [{ value: error, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, depth } = next;
    if (typeof value !== 'object' || value === null || depth > 4) continue;
    const code = codeOf(value);
    if (code !== null) return { code };
    // pg throws these as plain Errors; the server's own errors are subclasses and never match.
    if (value instanceof Error && value.constructor === Error && PG_MESSAGES.has(value.message)) return { code: value.message };
    if ('cause' in value) pending.push({ value: value.cause, depth: depth + 1 });
    if (value instanceof AggregateError) for (const part of value.errors) pending.push({ value: part, depth: depth + 1 });
  }
  return null;
};
