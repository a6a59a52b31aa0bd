import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** One request as it reached the server; `kind` tells a WebSocket handshake from plain HTTP. */
export type RecordedRequest = { kind: 'http' | 'upgrade'; method: string; path: string; origin: string | null };

/**
 * A loopback server that stands for "any other origin": it records every TCP connection and every
 * request it gets and answers each as generously as a server can (CORS open to all, private
 * network access allowed, a real image, script, stylesheet and event stream), so that a request it
 * does not see was stopped by the page, never refused by the server.
 */
export type RecordingServer = {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** TCP connections accepted, requests or not (a preconnect opens one and sends nothing). */
  connections(): number;
  /** Bytes received on all of them: what anyone actually sent. */
  bytesReceived(): number;
  requests(): readonly RecordedRequest[];
  /** The request paths seen, in arrival order. */
  paths(): string[];
  clear(): void;
  close(): Promise<void>;
};

// The smallest valid GIF: one transparent pixel.
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

const OPEN_CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'access-control-allow-headers': '*',
  'access-control-allow-private-network': 'true',
  'cross-origin-resource-policy': 'cross-origin',
  'cache-control': 'no-store',
};

const answer = (request: IncomingMessage, response: ServerResponse): void => {
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  if (request.method === 'OPTIONS') {
    response.writeHead(204, OPEN_CORS).end();
    return;
  }
  if (path.endsWith('/img')) {
    response.writeHead(200, { ...OPEN_CORS, 'content-type': 'image/gif' }).end(PIXEL);
  } else if (path.endsWith('/script')) {
    response.writeHead(200, { ...OPEN_CORS, 'content-type': 'text/javascript' }).end('void 0;');
  } else if (path.endsWith('/stylesheet')) {
    response.writeHead(200, { ...OPEN_CORS, 'content-type': 'text/css' }).end('body {}');
  } else if (path.endsWith('/eventsource')) {
    response.writeHead(200, { ...OPEN_CORS, 'content-type': 'text/event-stream' }).end('data: recorded\n\n');
  } else {
    response.writeHead(200, { ...OPEN_CORS, 'content-type': 'text/plain' }).end('recorded');
  }
};

/** Starts on a free loopback port; `close()` ends every open connection. */
export const startRecordingServer = async (): Promise<RecordingServer> => {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let seen: Socket[] = [];
  const record = (kind: RecordedRequest['kind'], request: IncomingMessage) => {
    const origin = request.headers.origin;
    requests.push({ kind, method: request.method ?? '?', path: (request.url ?? '/').split('?')[0] ?? '/', origin: typeof origin === 'string' ? origin : null });
  };
  const server = createServer((request, response) => {
    record('http', request);
    request.resume();
    request.on('end', () => answer(request, response));
  });
  server.on('connection', (socket: Socket) => {
    seen.push(socket);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // A WebSocket handshake is recorded and then dropped: reaching us is what counts.
  server.on('upgrade', (request: IncomingMessage, socket: Socket) => {
    record('upgrade', request);
    socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('the recording server has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    connections: () => seen.length,
    bytesReceived: () => seen.reduce((sum, socket) => sum + socket.bytesRead, 0),
    requests: () => [...requests],
    paths: () => requests.map((request) => request.path),
    clear: () => {
      requests.splice(0);
      seen = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
};
