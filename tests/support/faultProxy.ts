import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom } from '../../shared/seededRandom';

/**
 * Chances (0–1) of each fault, drawn per request. A lost answer means the server did the work
 * and only the client never hears of it; a duplicate reaches the server twice (at once or one
 * after the other) and the client hears one of the two answers; a held request is forwarded
 * after the next one that arrives, or alone after a short wait.
 */
export type ProxyFaults = {
  dropRequest: number;
  dropAnswer: number;
  delayRequest: number;
  delayAnswer: number;
  duplicate: number;
  reorder: number;
  /** Per event stream: it is cut after a random time. */
  cutStream: number;
};

export const noProxyFaults = (): ProxyFaults => ({ dropRequest: 0, dropAnswer: 0, delayRequest: 0, delayAnswer: 0, duplicate: 0, reorder: 0, cutStream: 0 });

export type ProxyStats = {
  requests: number;
  droppedRequests: number;
  droppedAnswers: number;
  delayedRequests: number;
  delayedAnswers: number;
  duplicated: number;
  /** Held requests that another request overtook (held ones that waited alone are not counted). */
  reordered: number;
  streams: number;
  /** Pokes and live batches that went down an event stream: the stream is piped through as it comes. */
  pokes: number;
  cutStreams: number;
};

/** Counts that start at nothing, for one proxy or for totals over several runs. */
export const noProxyStats = (): ProxyStats => ({
  requests: 0,
  droppedRequests: 0,
  droppedAnswers: 0,
  delayedRequests: 0,
  delayedAnswers: 0,
  duplicated: 0,
  reordered: 0,
  streams: 0,
  pokes: 0,
  cutStreams: 0,
});

export type FaultProxy = {
  url: string;
  stats: ProxyStats;
  setFaults(faults: Partial<ProxyFaults>): void;
  close(): Promise<void>;
};

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

const EVENTS_PATH = '/api/sync/events';
const MAX_DELAY_MS = 300;
const HOLD_MS = 80;
const STREAM_LIFE_MS = 1_000;

const readAll = (stream: NodeJS.ReadableStream): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A misbehaving network on loopback between consoles and the real server: requests and answers
 * are lost, delayed, sent twice and overtaken, the event stream is cut, all drawn from a seed so
 * that a failing run can be replayed (timing aside). Plain JSON requests are read whole before
 * forwarding; the event stream is piped through as it comes, so pokes are not held back.
 */
export const startFaultProxy = async (target: string, seed: number, faults: Partial<ProxyFaults> = {}): Promise<FaultProxy> => {
  const upstream = new URL(target);
  const random = seededRandom(seed);
  const current: ProxyFaults = { ...noProxyFaults(), ...faults };
  const chance = (p: number) => p > 0 && random() < p;
  const stats = noProxyStats();
  // The one request being held back, released by the next arrival or its timer.
  let held: { release: () => void; timer: NodeJS.Timeout } | null = null;
  const timers = new Set<NodeJS.Timeout>();

  const forward = (request: http.IncomingMessage, body: Buffer): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const outgoing = http.request(
        { host: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers: { ...request.headers, host: upstream.host } },
        (response) => {
          readAll(response).then((answer) => resolve({ status: response.statusCode ?? 502, headers: response.headers, body: answer }), reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });

  const pipeStream = (request: http.IncomingMessage, response: http.ServerResponse) => {
    stats.streams += 1;
    let cut: NodeJS.Timeout | null = null;
    const outgoing = http.request(
      { host: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers: { ...request.headers, host: upstream.host } },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        response.flushHeaders();
        answer.on('data', (chunk: Buffer) => {
          if (chunk.includes('event: poke') || chunk.includes('event: changes')) stats.pokes += 1;
          response.write(chunk);
        });
        answer.on('end', () => response.end());
        if (chance(current.cutStream)) {
          const timer = setTimeout(() => {
            timers.delete(timer);
            stats.cutStreams += 1;
            outgoing.destroy();
            response.socket?.destroy();
          }, random() * STREAM_LIFE_MS);
          timers.add(timer);
          cut = timer;
        }
      },
    );
    outgoing.on('error', () => response.socket?.destroy());
    response.on('close', () => {
      outgoing.destroy();
      // A stream the console closed itself was not cut by the network.
      if (cut !== null) {
        clearTimeout(cut);
        timers.delete(cut);
      }
    });
    response.socket?.setNoDelay(true);
    outgoing.end();
  };

  /** Waits until this request may go: held back behind the next arrival, or let the held one follow it. */
  const takeTurn = async (): Promise<void> => {
    const before = held;
    if (before !== null) {
      // This request overtakes the held one, which goes right after it.
      held = null;
      clearTimeout(before.timer);
      timers.delete(before.timer);
      stats.reordered += 1;
      setImmediate(before.release);
      return;
    }
    if (!chance(current.reorder)) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        held = null;
        resolve();
      }, HOLD_MS);
      timers.add(timer);
      held = { release: resolve, timer };
    });
  };

  const handle = async (request: http.IncomingMessage, response: http.ServerResponse): Promise<void> => {
    if (request.url?.startsWith(EVENTS_PATH) === true) {
      pipeStream(request, response);
      return;
    }
    stats.requests += 1;
    const body = await readAll(request);
    if (chance(current.dropRequest)) {
      stats.droppedRequests += 1;
      request.socket.destroy();
      return;
    }
    if (chance(current.delayRequest)) {
      stats.delayedRequests += 1;
      await sleep(random() * MAX_DELAY_MS);
    }
    await takeTurn();
    let answer: Answer;
    if (chance(current.duplicate)) {
      stats.duplicated += 1;
      // Both at once races the server against itself; one after the other is a plain replay.
      const [first, second] =
        random() < 0.5 ? await Promise.all([forward(request, body), forward(request, body)]) : [await forward(request, body), await forward(request, body)];
      answer = random() < 0.5 ? first : second;
    } else {
      answer = await forward(request, body);
    }
    if (chance(current.delayAnswer)) {
      stats.delayedAnswers += 1;
      await sleep(random() * MAX_DELAY_MS);
    }
    if (chance(current.dropAnswer)) {
      stats.droppedAnswers += 1;
      request.socket.destroy();
      return;
    }
    const headers = { ...answer.headers, 'content-length': String(answer.body.length) };
    delete headers['transfer-encoding'];
    response.writeHead(answer.status, headers);
    response.end(answer.body);
  };

  const server = http.createServer((request, response) => {
    handle(request, response).catch(() => request.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    setFaults: (patch) => Object.assign(current, patch),
    close: async () => {
      timers.forEach((timer) => clearTimeout(timer));
      held?.release();
      held = null;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
};
