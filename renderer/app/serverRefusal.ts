import { isRecord } from '../../shared/json';

/** What the console shows of a refused request: the server's stable code and its message. */
export type ServerRefusal = { code: string; message: string };

/**
 * Reads an error answer of the server, `{ statusCode, code, error, message }` (docs/API.md). A
 * body of another shape (a proxy's error page) still yields a code and a message from the status,
 * so the screen never shows a blank reason.
 */
export const serverRefusal = (status: number, text: string): ServerRefusal => {
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: the status is all there is.
  }
  const code = isRecord(body) && typeof body.code === 'string' ? body.code : `http_${status}`;
  const message = isRecord(body) && typeof body.message === 'string' ? body.message : `The server answered ${status}.`;
  return { code, message };
};
