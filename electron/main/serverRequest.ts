/** The part of fetch the main process's server requests use; Node's and Electron's net.fetch satisfy it. */
export type ServerFetch = (
  url: string,
  init: { method?: string; headers: Record<string, string>; body?: string },
) => Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;

/** A request the page asked for (already checked by the IPC contract); `path` is relative to the server's origin. */
export type ServerRequest = { method: 'GET' | 'POST' | 'PATCH'; path: string; body: string | null };

/**
 * The server's answer as it came, for the page to read (status, type, disposition and text), or
 * `unreachable` when no answer came: the page decides what a refusal or an outage means.
 */
export type ServerAnswer = { kind: 'answered'; status: number; contentType: string; contentDisposition: string | null; body: string } | { kind: 'unreachable' };

/**
 * Sends one request to the signed-in server with the token, which never leaves the main process:
 * the one way the page's token-carrying requests (statistics, accounts, ticket lookups) reach the server.
 */
export const sendWithToken = async (doFetch: ServerFetch, serverUrl: string, token: string, request: ServerRequest): Promise<ServerAnswer> => {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (request.body !== null) headers['content-type'] = 'application/json';
  let response: Awaited<ReturnType<ServerFetch>>;
  try {
    response = await doFetch(`${serverUrl}${request.path}`, { method: request.method, headers, ...(request.body === null ? {} : { body: request.body }) });
  } catch {
    return { kind: 'unreachable' };
  }
  return {
    kind: 'answered',
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    contentDisposition: response.headers.get('content-disposition'),
    body: await response.text(),
  };
};
