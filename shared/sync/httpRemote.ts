import { makeAbortController, makeUtf8Decoder, platformTimers, type AbortSignalLike, type Timers } from '../platform';
import { backoffDelay } from './backoff';
import { CURSOR_TOO_OLD, type LiveChanges, type PullResponse, type PushRequest, type PushResponse, type TicketRecordsResponse } from './protocol';
import { RemoteError, type Remote, type StreamLoss } from './remote';
import { parseRetryAfter } from './retryAfter';
import { createSseParser } from './sse';
import { createEmitter } from '../emitter';

type StreamReader = { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(): Promise<void> };

/** The part of the WHATWG fetch API the remote uses (browsers, Node 20 and Electron all have it). */
export type FetchLike = (
  url: string,
  init?: { method?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignalLike },
) => Promise<{
  ok: boolean;
  status: number;
  headers: { get(name: string): string | null };
  json(): Promise<unknown>;
  body: { getReader(): StreamReader } | null;
}>;

export type HttpRemoteOptions = {
  /** Server origin, e.g. `http://127.0.0.1:4780`; '' for the page's own origin. */
  baseUrl: string;
  fetch: FetchLike;
  getToken: () => string | null;
  timeoutMs?: number;
  /**
   * How long an open event stream may stay silent before it counts as cut. The server sends a
   * heartbeat every 25 s (server/sync/eventStream.ts); a network that drops packets without
   * closing the connection shows only as that silence.
   */
  streamSilenceMs?: number;
  random?: () => number;
  timers?: Timers;
};

const messageOf = async (response: { json(): Promise<unknown> }): Promise<{ code?: string; message: string }> => {
  try {
    const body = (await response.json()) as { code?: unknown; message?: unknown };
    return { ...(typeof body.code === 'string' ? { code: body.code } : {}), message: typeof body.message === 'string' ? body.message : 'no message' };
  } catch {
    return { message: 'unreadable error body' };
  }
};

/** The sync server over HTTP: pull and push as JSON, pokes as a server-sent event stream read through fetch. */
export const createHttpRemote = (options: HttpRemoteOptions): Remote => {
  const timers = options.timers ?? platformTimers;
  const random = options.random ?? Math.random;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const streamSilenceMs = options.streamSilenceMs ?? 60_000;
  // Event streams waiting out a reconnect backoff. An answer from the server that is not a refusal
  // to serve for now (5xx, 429, 408) shows it works again (the network came back, the server or its
  // database restarted), so they try at once instead of waiting up to 15 s while pulls already work.
  const answered = createEmitter();
  const serverAnswered = (status: number) => {
    if (status < 500 && status !== 429 && status !== 408) answered.emit();
  };
  const headers = (): Record<string, string> => {
    const token = options.getToken();
    return token === null ? {} : { authorization: `Bearer ${token}` };
  };

  const exchange = async (path: string, init: { method: string; body?: string }, signal: AbortSignalLike): Promise<unknown> => {
    let response;
    try {
      response = await options.fetch(`${options.baseUrl}${path}`, {
        method: init.method,
        headers: { ...headers(), ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(init.body === undefined ? {} : { body: init.body }),
        signal,
      });
    } catch (error) {
      throw new RemoteError('network', `The server cannot be reached (${String(error)}).`);
    }
    serverAnswered(response.status);
    if (response.ok) {
      try {
        return await response.json();
      } catch (error) {
        throw new RemoteError('network', `The answer was cut off (${String(error)}).`, response.status);
      }
    }
    const { code, message } = await messageOf(response);
    if (response.status === 401) throw new RemoteError('unauthorized', message, 401);
    if (response.status === 410 && code === CURSOR_TOO_OLD) throw new RemoteError('too_old', message, 410);
    if (response.status >= 500 || response.status === 429 || response.status === 408) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), response.headers.get('date'), Date.now());
      throw new RemoteError('server', message, response.status, retryAfterMs);
    }
    throw new RemoteError('client', message, response.status);
  };

  const call = async (path: string, init: { method: string; body?: string }): Promise<unknown> => {
    const controller = makeAbortController();
    // Over the whole exchange, the answer's body included: an answer that stalls after its
    // headers would otherwise hold the sync, and every change behind it, for good.
    const timer = timers.setTimeout(() => controller.abort(), timeoutMs);
    try {
      return await exchange(path, init, controller.signal);
    } finally {
      timers.clearTimeout(timer);
    }
  };

  return {
    pull: async (cursor, limit, pullOptions) => {
      const counted = pullOptions?.count === false ? '&count=0' : '';
      const since = pullOptions?.heldSince === undefined ? '' : `&since=${encodeURIComponent(pullOptions.heldSince)}`;
      const scoped = pullOptions?.scoped === true ? `&scope=working${since}` : '';
      const query = (cursor === null ? `limit=${limit}` : `limit=${limit}&cursor=${encodeURIComponent(cursor)}`) + counted + scoped;
      return (await call(`/api/sync/pull?${query}`, { method: 'GET' })) as PullResponse;
    },
    ticketRecords: async (ticketIds) =>
      (await call(`/api/sync/tickets?ids=${ticketIds.map(encodeURIComponent).join(',')}`, { method: 'GET' })) as TicketRecordsResponse,
    push: async (request: PushRequest) => (await call('/api/sync/push', { method: 'POST', body: JSON.stringify(request) })) as PushResponse,
    subscribe: (onPoke, onConnection, live) => {
      let stopped = false;
      let controller = makeAbortController();
      let attempt = 0;
      // The server refused this stream's token (a 401, or it ended the stream with `signed-out`).
      let refused = false;
      let wakeThis: (() => void) | null = null;
      const liveQuery = (): string => {
        if (live === undefined) return '';
        if (live.scope === undefined) return '?live=1';
        const { since } = live.scope();
        return `?live=1&scope=working${since === null ? '' : `&since=${encodeURIComponent(since)}`}`;
      };
      const onChanges = (data: string) => {
        let batch: LiveChanges;
        try {
          batch = JSON.parse(data) as LiveChanges;
        } catch {
          // Unreadable: a pull settles what it said.
          onPoke();
          return;
        }
        live?.onChanges(batch);
      };
      const connect = async (): Promise<void> => {
        while (!stopped) {
          // Until the server answers, a failure is the network's.
          let loss: StreamLoss = 'network';
          // The server's Retry-After on a refused stream (its database restarting): the next try waits at least that.
          let retryAfterMs = 0;
          let silence: unknown = null;
          try {
            controller = makeAbortController();
            const current = controller;
            const response = await options.fetch(`${options.baseUrl}/api/sync/events${liveQuery()}`, {
              headers: { ...headers(), accept: 'text/event-stream' },
              signal: controller.signal,
            });
            loss = 'server';
            if (response.status === 401) {
              // The token no longer signs anyone in: a sync now meets the same 401 and reports the
              // console signed out (keeping its outbox), instead of at its next timer. Once per
              // refusal, not at every reconnect: the consoles stop the engine when it says so.
              if (!refused) onPoke();
              refused = true;
              throw new RemoteError('unauthorized', 'event stream answered 401', 401);
            }
            if (!response.ok || response.body === null) {
              retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), response.headers.get('date'), Date.now()) ?? 0;
              throw new RemoteError('server', `event stream answered ${response.status}`);
            }
            attempt = 0;
            refused = false;
            onConnection?.(true);
            // Changes may have been missed while disconnected.
            onPoke();
            // From here a read that fails, or silence past the heartbeats, is the network cutting the stream.
            loss = 'network';
            const listen = () => {
              timers.clearTimeout(silence);
              silence = timers.setTimeout(() => current.abort(), streamSilenceMs);
            };
            listen();
            const reader = response.body.getReader();
            const decoder = makeUtf8Decoder();
            // `signed-out`: the server ends the stream because its token was revoked, the account
            // deactivated or the session expired; the sync this asks for meets the 401 and says so.
            const feed = createSseParser((event) => {
              if (event.event === 'poke') onPoke();
              if (event.event === 'changes' && live !== undefined) onChanges(event.data);
              if (event.event === 'signed-out') {
                refused = true;
                onPoke();
              }
            });
            for (;;) {
              const { done, value } = await reader.read();
              if (done || stopped) {
                // The server ended the stream (restarting, or a revoked token): it answered.
                loss = 'server';
                break;
              }
              listen();
              feed(decoder.decode(value, { stream: true }));
            }
          } catch {
            // Reconnect below.
          } finally {
            timers.clearTimeout(silence);
          }
          if (stopped) return;
          onConnection?.(false, loss);
          attempt += 1;
          await new Promise<void>((resolve) => {
            let stopWaiting: () => void = () => undefined;
            const wake = () => {
              stopWaiting();
              wakeThis = null;
              timers.clearTimeout(timer);
              resolve();
            };
            const timer = timers.setTimeout(wake, Math.max(backoffDelay(attempt, random, 500, 15_000), retryAfterMs));
            stopWaiting = answered.on(wake);
            wakeThis = wake;
          });
        }
      };
      void connect();
      return () => {
        stopped = true;
        controller.abort();
        wakeThis?.();
      };
    },
  };
};
