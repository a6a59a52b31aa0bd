import { randomUUID } from 'node:crypto';
import type { Change, PullResponse, PushResponse } from '../../shared/sync/protocol';

/** What a test sees of one HTTP answer: status, parsed JSON body (or `{text}`), headers. */
export type Answer = { status: number; body: Record<string, unknown>; headers: Headers };

/** One real request over loopback. A string body is sent as is (to test malformed JSON). */
export const call = async (baseUrl: string, method: string, path: string, token: string | null, body?: unknown): Promise<Answer> => {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  const isJson = (response.headers.get('content-type') ?? '').includes('application/json');
  return { status: response.status, body: isJson ? (JSON.parse(text) as Record<string, unknown>) : { text }, headers: response.headers };
};

export type OutgoingMutation = { id?: string; name: string; args: unknown; at?: string };

/** Pushes mutations as one console would (fresh ids unless given); fails the test on a non-200. */
export const push = async (
  baseUrl: string,
  token: string,
  mutations: OutgoingMutation[],
  extra: { clientId?: string; sentAt?: string } = {},
): Promise<PushResponse> => {
  const body = {
    protocol: 1,
    clientId: extra.clientId ?? 'test-client',
    mutations: mutations.map((m) => ({ ...m, id: m.id ?? randomUUID() })),
    ...(extra.sentAt ? { sentAt: extra.sentAt } : {}),
  };
  const answer = await call(baseUrl, 'POST', '/api/sync/push', token, body);
  if (answer.status !== 200) throw new Error(`push: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body as unknown as PushResponse;
};

/** One page of the feed; fails the test on a non-200. */
export const pullPage = async (baseUrl: string, token: string, cursor: string | null, limit = 1000): Promise<PullResponse> => {
  const query = `limit=${limit}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
  const answer = await call(baseUrl, 'GET', `/api/sync/pull?${query}`, token);
  if (answer.status !== 200) throw new Error(`pull: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body as unknown as PullResponse;
};

/** Every change after `cursor`, page by page, and the cursor to continue from. */
export const pullToEnd = async (baseUrl: string, token: string, cursor: string | null = null, limit = 1000): Promise<{ changes: Change[]; cursor: string }> => {
  const changes: Change[] = [];
  let next = cursor;
  for (;;) {
    const page = await pullPage(baseUrl, token, next, limit);
    changes.push(...page.changes);
    next = page.cursor;
    if (!page.hasMore) return { changes, cursor: next };
  }
};

export const keyOf = (change: Change): string => `${change.entity}/${change.id}`;

/** The position inside an (opaque to clients) cursor; tests of the feed itself may look. */
export const cursorPosition = (cursor: string): { tx: number; seq: number } => {
  const body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { t: number; s: number };
  return { tx: body.t, seq: body.s };
};

export type EventStream = {
  /** Resolves once `count` events of this name have arrived in total. */
  waitFor(event: string, count?: number): Promise<void>;
  count(event: string): number;
  /** Resolves when the server ends the stream (every event before the end is counted). */
  ended(): Promise<void>;
  close(): void;
};

/** `GET /api/sync/events` read the way clients read it: fetch streaming with the Bearer header. */
export const openEventStream = async (baseUrl: string, token: string): Promise<EventStream> => {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/sync/events`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  if (response.status !== 200 || response.body === null) throw new Error(`events: ${response.status}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const count = (event: string) => text.split(`event: ${event}\n`).length - 1;
  return {
    count,
    waitFor: async (event, wanted = 1) => {
      while (count(event) < wanted) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`the event stream ended before ${wanted} × ${event}`);
        text += decoder.decode(value, { stream: true });
      }
    },
    ended: async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        text += decoder.decode(value, { stream: true });
      }
    },
    close: () => controller.abort(),
  };
};
