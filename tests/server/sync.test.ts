import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse, PushResponse } from '../../shared/sync/protocol';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { signInTechnician, startTestServer, type TestServer } from '../support/testServer';

describe.each(DATABASE_KINDS)('sync protocol on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let token: string;

  const call = async (method: string, path: string, body?: unknown, auth: string | null = token) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { ...(auth === null ? {} : { authorization: `Bearer ${auth}` }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const push = async (mutations: Array<{ id?: string; name: string; args: unknown }>) => {
    const result = await call('POST', '/api/sync/push', {
      protocol: 1,
      clientId: 'test-client',
      mutations: mutations.map((m) => ({ id: m.id ?? randomUUID(), ...m })),
    });
    expect(result.status).toBe(200);
    return result.body as unknown as PushResponse;
  };
  const pullAll = async (cursor: string | null = null, limit = 1000) => {
    const changes: PullResponse['changes'] = [];
    let next = cursor;
    for (;;) {
      const page = (await call('GET', `/api/sync/pull?limit=${limit}${next === null ? '' : `&cursor=${next}`}`)).body as unknown as PullResponse;
      changes.push(...page.changes);
      next = page.cursor;
      if (!page.hasMore) return { changes, cursor: next };
    }
  };

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url);
    token = await signInTechnician(server);
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('answers health without a token', async () => {
    expect(await call('GET', '/api/health', undefined, null)).toEqual({ status: 200, body: { ok: true, db: kind, version: '0.1.0' } });
  });

  it('gives new tickets consecutive numbers and a created event in the feed', async () => {
    const before = await pullAll();
    const first = makeCreateArgs();
    const second = makeCreateArgs();
    const { results } = await push([
      { name: 'ticket:create', args: first },
      { name: 'ticket:create', args: second },
    ]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const { changes } = await pullAll(before.cursor);
    const tickets = changes.filter((c) => c.entity === 'ticket');
    const numbers = tickets.map((c) => (c.op === 'put' && c.entity === 'ticket' ? c.data.number : null));
    // The first tickets of this database: the counter starts at 1 and has no gaps.
    expect(numbers).toEqual([1, 2]);
    const created = changes.find((c) => c.entity === 'event' && c.op === 'put' && c.data.ticketId === first.id);
    expect(created?.op === 'put' && created.entity === 'event' ? created.data : null).toMatchObject({ type: 'created', data: { number: numbers[0] } });
  });

  it('applies a mutation id once, however often it is sent', async () => {
    const args = makeCreateArgs();
    const id = randomUUID();
    expect((await push([{ id, name: 'ticket:create', args }])).results[0]?.status).toBe('applied');
    expect((await push([{ id, name: 'ticket:create', args }])).results[0]?.status).toBe('duplicate');
    const { changes } = await pullAll();
    expect(changes.filter((c) => c.entity === 'event' && c.id === `${id}:0`)).toHaveLength(1);
  });

  it('rejects invalid transitions, stale states and taken codes with reasons, writing nothing', async () => {
    const args = makeCreateArgs();
    await push([{ name: 'ticket:create', args }]);
    const { cursor } = await pullAll();
    const { results } = await push([
      { name: 'ticket:transition', args: { id: args.id, from: 'new', to: 'pending' } },
      { name: 'ticket:transition', args: { id: args.id, from: 'open', to: 'pending' } },
      { name: 'ticket:create', args: makeCreateArgs({ code: args.code }) },
      { name: 'ticket:update', args: { id: args.id, title: '' } },
      { name: 'ticket:explode', args: {} },
    ]);
    expect(results.map((r) => [r.status, r.error?.code])).toEqual([
      ['rejected', 'invalid_transition'],
      ['rejected', 'conflict'],
      ['rejected', 'code_taken'],
      ['rejected', 'invalid_args'],
      ['rejected', 'unknown_mutation'],
    ]);
    expect(results[1]?.error).toMatchObject({ message: 'The ticket is new now, not open.', current: { id: args.id, status: 'new' } });
    expect((await pullAll(cursor)).changes).toEqual([]);
  });

  it('refuses malformed requests with 400 and a message, and oversized ones with 413', async () => {
    const bad = await call('POST', '/api/sync/push', '{"protocol": 1, "clientId": "x", "mutations": [');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    const wrongProtocol = await call('POST', '/api/sync/push', { protocol: 2, clientId: 'x', mutations: [] });
    expect(wrongProtocol).toMatchObject({ status: 400, body: { code: 'unsupported_protocol' } });
    const noMutations = await call('POST', '/api/sync/push', { protocol: 1, clientId: 'x' });
    expect(noMutations.status).toBe(400);
    expect(String(noMutations.body.message)).toContain('mutations');
    const huge = await call('POST', '/api/sync/push', {
      protocol: 1,
      clientId: 'x',
      mutations: [{ id: 'a', name: 'note:add', args: { body: 'x'.repeat(11 * 1024 * 1024) } }],
    });
    expect(huge.status).toBe(413);
    expect((await call('GET', '/api/sync/pull?limit=abc')).status).toBe(400);
    expect((await call('GET', '/api/sync/pull?cursor=not-a-cursor')).status).toBe(400);
    expect((await call('GET', '/api/sync/pull', undefined, null)).status).toBe(401);
    expect((await call('GET', '/api/sync/pull', undefined, 'forged-token')).status).toBe(401);
  });

  it('pages through the feed with every change exactly once, capping the limit', async () => {
    await push(Array.from({ length: 12 }, () => ({ name: 'ticket:create', args: makeCreateArgs() })));
    const whole = await pullAll(null, 1000);
    const paged = await pullAll(null, 5);
    expect(paged.changes.map((c) => `${c.entity}/${c.id}`)).toEqual(whole.changes.map((c) => `${c.entity}/${c.id}`));
    expect(new Set(paged.changes.map((c) => `${c.entity}/${c.id}`)).size).toBe(paged.changes.length);
    const capped = (await call('GET', '/api/sync/pull?limit=5000')).body as unknown as PullResponse;
    expect(capped.changes.length).toBeLessThanOrEqual(1000);
  });

  it('answers 410 to a cursor from another database', async () => {
    const foreign = Buffer.from(JSON.stringify({ e: 'another-db', t: 0, s: 1 })).toString('base64url');
    expect(await call('GET', `/api/sync/pull?cursor=${foreign}`)).toMatchObject({ status: 410, body: { code: 'cursor_too_old' } });
  });

  it('pokes open event streams when a change commits', async () => {
    const controller = new AbortController();
    const response = await fetch(`${server.url}/api/sync/events`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body?.getReader();
    if (reader === undefined) throw new Error('no stream');
    let text = '';
    const decoder = new TextDecoder();
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}`);
        text += decoder.decode(value);
      }
    };
    await readUntil('event: hello');
    await push([{ name: 'ticket:create', args: makeCreateArgs() }]);
    await readUntil('event: poke');
    controller.abort();
    expect(text).toContain('event: poke\ndata: {}');
  });
});
