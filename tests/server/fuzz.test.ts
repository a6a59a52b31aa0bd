import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteRule } from '../../server/auth/guard';
import type { Role } from '../../shared/domain/records';
import { MUTATION_NAMES } from '../../shared/domain/mutationArgs';
import { MAX_PUSH_MUTATIONS, type PushResponse } from '../../shared/sync/protocol';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { call, pullPage, pullToEnd, push, type Answer } from '../support/http';
import { encodeHostile } from '../support/percentEncoding';
import { login } from '../support/syncClient';
import { startTestServer, type TestServer } from '../support/testServer';

/** Fixed, so a failure reproduces; fast-check prints seed and path with the counterexample. Override with MEJA_FUZZ_SEED. */
const SEED = Number(process.env.MEJA_FUZZ_SEED ?? 7_2026);
const RUNS_PER_ROUTE_AND_ROLE = 10;
const RUNS = 40;

type Principal = 'anonymous' | Role;
const PRINCIPALS: Principal[] = ['anonymous', 'technician', 'supervisor', 'admin'];
const PASSWORDS: Record<Role, { username: string; password: string }> = {
  admin: { username: 'admin', password: '' },
  supervisor: { username: 'sue', password: 'supervisor-pass' },
  technician: { username: 'tina', password: 'technician-pass' },
};

// ---------------------------------------------------------------- hostile inputs

const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    'NaN',
    'Infinity',
    '-0',
    '1e309',
    '-1',
    '0',
    '1.5',
    '',
    ' ',
    'null',
    'undefined',
    'true',
  ),
  fc.constantFrom('\u0000', 'a\u0000b', '\uD800', 'x\uDFFFy', '\uFFFF', '\u202E', '../../etc/passwd', '%00', '%', '%zz', '<script>', "' or 1=1 --"),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.double().map(String),
  fc.nat(40_000).map((n) => 'x'.repeat(n)),
);

const QUERY_KEYS = [
  'cursor',
  'limit',
  'count',
  'before',
  'from',
  'to',
  'tier',
  'category',
  'technician',
  'format',
  'repeatWindowDays',
  '__proto__',
  'constructor',
  'a[b]',
  'a.b',
];
const queryPairs = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), hostileString), hostileString), { maxLength: 6 });

const queryString = fc.oneof(
  { weight: 4, arbitrary: queryPairs.map((pairs) => pairs.map(([k, v]) => `${encodeHostile(k)}=${encodeHostile(v)}`).join('&')) },
  // Not even well-formed percent-encoding.
  { weight: 1, arbitrary: fc.constantFrom('%', '%E0%A4%A', 'a=%ZZ', '&&&=&=', 'limit=1&limit=2&limit=3', 'cursor[]=x', '=', '%00=%00') },
);

/** Nested `depth` levels deep, as raw JSON text (built directly: fast-check's own depth is small). */
const deepJson = fc
  .tuple(fc.integer({ min: 100, max: 50_000 }), fc.boolean())
  .map(([depth, asArray]) => (asArray ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`));
const bigArray = fc
  .tuple(fc.integer({ min: 1000, max: 100_000 }), fc.anything({ maxDepth: 1 }))
  .map(([size, item]) => new Array<unknown>(size).fill(item ?? null));
const pollution = fc.constantFrom(
  '{"__proto__":{"isAdmin":true,"role":"admin"}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"protocol":1,"clientId":"c","mutations":[],"__proto__":{"x":1}}',
  '{"username":"admin","password":"x","__proto__":{"role":"admin"}}',
);
const invalidJsonText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('{', '{"a":', '[1,', 'nul', '{"a":1}}', "{'a':1}", '\uFEFF{}', '{"a":1,}', 'NaN', ''),
);
/** A JSON string stands for itself (sent raw); any other value is serialised by `call`. */
const hostileBody: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ withNullPrototype: true, withObjectString: true, withSparseArray: true }),
  fc.json(),
  deepJson,
  bigArray,
  pollution,
  invalidJsonText,
  fc.record({ username: hostileString, password: hostileString }),
  fc.record({ protocol: fc.oneof(fc.constant(1), hostileString), clientId: hostileString, mutations: fc.anything() }),
);

// ---------------------------------------------------------------- answers

const expectSafeAnswer = (answer: Answer, label: string): void => {
  expect(answer.status, `${label}: ${JSON.stringify(answer.body).slice(0, 300)}`).toBeLessThan(500);
  if (answer.status < 400) return;
  const { statusCode, code, error, message } = answer.body;
  expect(statusCode, label).toBe(answer.status);
  expect(typeof code === 'string' && code !== '', `${label}: code`).toBe(true);
  expect(typeof error === 'string' && error !== '', `${label}: error`).toBe(true);
  expect(typeof message === 'string' && message.trim() !== '', `${label}: message`).toBe(true);
};

/** A request whose answer is parsed whatever it is (`call` would throw on a non-JSON 5xx). */
const send = async (baseUrl: string, method: string, path: string, token: string | null, body?: unknown, contentType?: string): Promise<Answer> => {
  if (contentType === undefined) return call(baseUrl, method, path, token, body);
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': contentType, ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
    body: body as Uint8Array,
  });
  const text = await response.text();
  const isJson = (response.headers.get('content-type') ?? '').includes('application/json');
  return { status: response.status, body: isJson ? (JSON.parse(text) as Record<string, unknown>) : { text }, headers: response.headers };
};

const hostilePath = (rule: RouteRule): fc.Arbitrary<string> => {
  // Wildcard and `:param` segments are replaced by a hostile segment (possibly with slashes).
  if (!rule.url.includes('*') && !rule.url.includes(':')) return fc.constant(rule.url);
  return hostileString.map((segment) => rule.url.replace(/\*|:[A-Za-z]+/g, encodeHostile(segment)));
};

describe.each(DATABASE_KINDS)('fuzzing every route on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  const tokens = new Map<Principal, string | null>([['anonymous', null]]);
  const counts = { requests: 0, write4xx: 0, pushes: 0, mutations: 0 };

  const tokenOf = (who: Principal): string | null => tokens.get(who) ?? null;
  const freshSession = async (who: Principal): Promise<string | null> => {
    if (who === 'anonymous') return null;
    const { username, password } = PASSWORDS[who];
    return (await login(server.url, username, who === 'admin' ? server.adminPassword : password)).token;
  };
  /** Sends one fuzzed push, counts it, and checks the answer is safe (no 500, the error shape). */
  const fuzzPush = async (token: string, mutations: unknown[]): Promise<Answer> => {
    const answer = await call(server.url, 'POST', '/api/sync/push', token, { protocol: 1, clientId: 'fuzz', mutations });
    counts.pushes += 1;
    counts.mutations += mutations.length;
    expectSafeAnswer(answer, 'push');
    return answer;
  };
  const expectAlive = async () => expect((await call(server.url, 'GET', '/api/health', null)).status).toBe(200);
  const rowCounts = async () => {
    const users = await server.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    const tickets = await server.db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    return { users: Number(users.n), tickets: Number(tickets.n) };
  };

  beforeAll(async () => {
    database = await createDatabase(kind);
    // Fuzzing sign-in and tracking must reach the handlers, not the rate limits.
    server = await startTestServer(database.url, { loginAccountRate: 1_000_000, loginAddressRate: 1_000_000, trackRate: 1_000_000 });
    const admin = await login(server.url, 'admin', server.adminPassword);
    tokens.set('admin', admin.token);
    for (const role of ['supervisor', 'technician'] as const) {
      const { username, password } = PASSWORDS[role];
      await server.createUser(admin.token, { username, password, displayName: username, role, ...(role === 'technician' ? { tier: 1 } : {}) });
      tokens.set(role, (await login(server.url, username, password)).token);
    }
    // Something to find, so GET routes also run on real rows.
    await push(server.url, tokenOf('technician') ?? '', [{ name: 'ticket:create', args: makeCreateArgs() }]);
  });

  afterAll(async () => {
    process.stdout.write(`fuzz on ${kind}: ${JSON.stringify(counts)} (seed ${SEED})\n`);
    await server?.close();
    await database?.drop();
  });

  it('answers hostile query strings, paths and bodies on every route and role below 500, with the error shape', async () => {
    const routes = server.routes.filter((rule) => rule.url !== '/api/sync/events');
    expect(routes.length).toBeGreaterThanOrEqual(12);
    for (const rule of routes) {
      for (const who of PRINCIPALS) {
        const body = rule.method === 'GET' ? fc.constant(undefined) : hostileBody;
        await fc.assert(
          fc.asyncProperty(hostilePath(rule), queryString, body, async (path, query, payload) => {
            // Signing out ends the session it is sent with: use one of its own.
            const token = rule.url === '/api/auth/logout' ? await freshSession(who) : tokenOf(who);
            const answer = await call(server.url, rule.method, `${path}?${query}`, token, payload);
            counts.requests += 1;
            expectSafeAnswer(answer, `${rule.method} ${path}?${query.slice(0, 200)} as ${who}`);
          }),
          { seed: SEED, numRuns: RUNS_PER_ROUTE_AND_ROLE },
        );
      }
      await expectAlive();
    }
    // Some 1,500 requests: a machine busy with other work needs more than the default 30 s.
  }, 120_000);

  it('writes nothing for invalid payloads to push, user creation, user changes, password sets and import', async () => {
    const admin = tokenOf('admin') ?? '';
    const listed = (await call(server.url, 'GET', '/api/users', admin)).body.users as Array<{ id: string; username: string }>;
    const supervisorId = listed.find((u) => u.username === PASSWORDS.supervisor.username)?.id ?? '';
    const before = { cursor: (await pullToEnd(server.url, admin)).cursor, rows: await rowCounts() };
    // Each can never be valid: no `protocol: 1` envelope; a password under 10 characters; no file.
    const invalidPush = hostileBody.filter((b) => typeof b !== 'object' || b === null || (b as { protocol?: unknown }).protocol !== 1);
    // Often valid but for the password, so a lapse in any one check would show.
    const invalidUser = fc.record({
      username: fc.oneof({ weight: 3, arbitrary: fc.stringMatching(/^[a-z0-9]{2,12}$/) }, { weight: 1, arbitrary: hostileString }),
      password: fc.string({ maxLength: 9 }),
      displayName: fc.oneof({ weight: 3, arbitrary: fc.constant('Pat Doe') }, { weight: 1, arbitrary: hostileString }),
      role: fc.oneof({ weight: 3, arbitrary: fc.constant('supervisor') }, { weight: 1, arbitrary: hostileString }),
      tier: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.anything() }),
    });
    // Each is wrong in one way for the supervisor changed: a tier without becoming a technician, a
    // technician without a tier, a blank or over-long name, an unknown field, or no known field at all.
    const CHANGE_KEYS = ['role', 'tier', 'active', 'displayName'];
    const validName = fc.constantFrom('Sue Ng', ' Sue ');
    const invalidChange = fc.oneof(
      fc.record({ tier: fc.constantFrom(1, 2, 3), displayName: validName, active: fc.boolean() }, { requiredKeys: ['tier'] }),
      fc.record({ role: fc.constantFrom('supervisor', 'admin'), tier: fc.constantFrom(1, 2, 3) }),
      fc.record({ role: fc.constant('technician'), tier: fc.constant(null), active: fc.boolean() }, { requiredKeys: ['role', 'tier'] }),
      fc.record({ displayName: fc.constantFrom('', '   ', '\t\n', 'x'.repeat(201)), active: fc.boolean() }, { requiredKeys: ['displayName'] }),
      fc
        .tuple(
          fc.record({ active: fc.boolean(), role: fc.constantFrom('technician', 'supervisor', 'admin') }, { requiredKeys: [] }),
          hostileString.filter((k) => !CHANGE_KEYS.includes(k)),
          fc.anything(),
        )
        .map(([body, key, value]) => ({ ...body, [key]: value })),
      hostileBody.filter((b) => typeof b !== 'object' || b === null || Array.isArray(b) || !Object.keys(b).some((k) => CHANGE_KEYS.includes(k))),
    );
    // Each is wrong in one way: too short, too long, not a string, another field beside it, or no object with a password.
    const invalidPassword = fc.oneof(
      fc.record({ password: fc.string({ maxLength: 9 }) }),
      fc.record({ password: fc.string({ minLength: 1025, maxLength: 1200 }) }),
      fc.record({ password: fc.anything().filter((p) => typeof p !== 'string') }),
      fc
        .tuple(
          fc.constantFrom('long-enough-password', 'another-long-one'),
          hostileString.filter((k) => k !== 'password'),
          fc.anything(),
        )
        .map(([password, key, value]) => ({ password, [key]: value })),
      hostileBody.filter((b) => typeof b !== 'object' || b === null || Array.isArray(b) || typeof (b as { password?: unknown }).password !== 'string'),
    );
    const supervisorHash = async () =>
      (await server.db.selectFrom('users').select('password_hash').where('id', '=', supervisorId).executeTakeFirstOrThrow()).password_hash;
    const hashBefore = await supervisorHash();
    const importCase = fc.record({
      format: fc.oneof(fc.constantFrom('csv', 'servicenow-events', 'helpdesk-events'), hostileString),
      contentType: fc.constantFrom(
        'application/zip',
        'application/gzip',
        'application/x-gzip',
        'text/csv',
        'application/octet-stream',
        'application/json',
        'text/plain',
      ),
      bytes: fc.oneof(
        fc.uint8Array({ maxLength: 4000 }),
        fc.string({ maxLength: 400 }).map((s) => new TextEncoder().encode(s)),
        fc.constantFrom(new TextEncoder().encode('PK\u0003\u0004garbage'), Uint8Array.of(0x1f, 0x8b, 8, 0, 1, 2, 3)),
      ),
    });
    const cases = fc.oneof(
      fc.record({ route: fc.constant('push' as const), body: invalidPush }),
      fc.record({
        route: fc.constant('user' as const),
        body: fc.oneof(
          { weight: 3, arbitrary: invalidUser },
          {
            weight: 1,
            arbitrary: hostileBody.filter((b) => typeof b !== 'object' || b === null || typeof (b as { password?: unknown }).password !== 'string'),
          },
        ),
      }),
      fc.record({ route: fc.constant('import' as const), body: importCase }),
      fc.record({ route: fc.constant('change' as const), body: invalidChange }),
      fc.record({ route: fc.constant('password' as const), body: invalidPassword }),
    );
    await fc.assert(
      fc.asyncProperty(cases, async (input) => {
        let answer: Answer;
        if (input.route === 'push') answer = await call(server.url, 'POST', '/api/sync/push', tokenOf('technician'), input.body);
        else if (input.route === 'user') answer = await call(server.url, 'POST', '/api/users', admin, input.body);
        else if (input.route === 'change') answer = await call(server.url, 'PATCH', `/api/users/${supervisorId}`, admin, input.body);
        else if (input.route === 'password') answer = await call(server.url, 'POST', `/api/users/${supervisorId}/password`, admin, input.body);
        else
          answer = await send(
            server.url,
            'POST',
            `/api/admin/import?format=${encodeHostile(input.body.format)}`,
            admin,
            input.body.bytes,
            input.body.contentType,
          );
        counts.requests += 1;
        expectSafeAnswer(answer, input.route);
        expect(answer.status, `${input.route}: ${JSON.stringify(answer.body).slice(0, 300)}`).toBeGreaterThanOrEqual(400);
        counts.write4xx += 1;
      }),
      { seed: SEED, numRuns: RUNS * 3 },
    );
    const after = await pullToEnd(server.url, admin, before.cursor);
    expect(after.changes).toEqual([]);
    expect(after.cursor).toBe(before.cursor);
    expect(await rowCounts()).toEqual(before.rows);
    // A password set is no row and no change: the hash and the supervisor's session tell.
    expect(await supervisorHash()).toBe(hashBefore);
    expect((await call(server.url, 'GET', '/api/auth/me', tokenOf('supervisor'))).status).toBe(200);
    await expectAlive();
  });

  it('answers every fuzzed push with 200 and a result per mutation, or 400 for a malformed envelope; rejected ones write nothing', async () => {
    const token = tokenOf('technician') ?? '';
    const names = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...MUTATION_NAMES) }, { weight: 1, arbitrary: hostileString });
    // Never valid: every mutation's args is an object, and all but call:log's have an `id`.
    const hopelessArgs = fc.oneof(
      fc.anything().filter((a) => typeof a !== 'object' || a === null || Array.isArray(a)),
      fc.dictionary(
        hostileString.filter((k) => k !== 'id' && k !== 'ticketId'),
        fc.anything(),
        { maxKeys: 5 },
      ),
    );
    const ids = fc.oneof({ weight: 4, arbitrary: fc.uuid() }, { weight: 1, arbitrary: hostileString });
    const batch = fc.array(fc.record({ id: ids, name: names, args: hopelessArgs }), { minLength: 1, maxLength: 30 });
    const before = await pullToEnd(server.url, token);
    await fc.assert(
      fc.asyncProperty(batch, async (mutations) => {
        const answer = await fuzzPush(token, mutations);
        if (answer.status === 400) return;
        expect(answer.status).toBe(200);
        const { results } = answer.body as unknown as PushResponse;
        expect(results.map((r) => r.id)).toEqual(mutations.map((m) => m.id));
        for (const result of results) {
          expect(result.status).toBe('rejected');
          expect(result.error?.code).toMatch(/^[a-z_]+$/);
          expect(result.error?.message.trim()).not.toBe('');
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    const after = await pullToEnd(server.url, token, before.cursor);
    expect(after.changes).toEqual([]);
    await expectAlive();
  });

  it('answers any args with applied or rejected (code and message), never a 500', async () => {
    const token = tokenOf('technician') ?? '';
    const ticket = makeCreateArgs();
    await push(server.url, token, [{ name: 'ticket:create', args: ticket }]);
    // Args near the real ones, so the fuzz also gets past the first check of each mutation.
    const plausible = fc.record(
      { id: fc.oneof(fc.constant(ticket.id), fc.uuid(), hostileString), ticketId: fc.oneof(fc.constant(ticket.id), hostileString) },
      { requiredKeys: [] },
    );
    const args = fc.oneof(
      fc.anything(),
      fc.tuple(plausible, fc.dictionary(fc.string({ maxLength: 12 }), fc.anything(), { maxKeys: 4 })).map(([a, b]) => ({ ...b, ...a })),
    );
    const batch = fc.array(fc.record({ id: fc.uuid(), name: fc.constantFrom(...MUTATION_NAMES), args }), { minLength: 1, maxLength: 30 });
    await fc.assert(
      fc.asyncProperty(batch, async (mutations) => {
        const answer = await fuzzPush(token, mutations);
        if (answer.status === 400) return;
        const { results } = answer.body as unknown as PushResponse;
        expect(results).toHaveLength(mutations.length);
        for (const result of results) {
          expect(['applied', 'rejected']).toContain(result.status);
          if (result.status === 'rejected') expect(result.error?.message.trim()).not.toBe('');
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    await expectAlive();
  });

  // Found by this fuzzing (seed 72026) and kept as plain examples: both were answered badly.
  it('answers a body nested 50,000 deep with 400, not 500 (findNul recursed past the call stack)', async () => {
    const deep = `${'{"a":'.repeat(50_000)}"x"${'}'.repeat(50_000)}`;
    const user = await call(server.url, 'POST', '/api/users', tokenOf('admin'), deep);
    expect(user).toMatchObject({ status: 400, body: { statusCode: 400, code: 'invalid_request' } });
    const login = await call(server.url, 'POST', '/api/auth/login', null, deep);
    expect(login).toMatchObject({ status: 400, body: { code: 'invalid_request' } });
    // Deep args inside one mutation: that mutation is rejected, the push answers.
    const deepNul = `${'{"a":'.repeat(50_000)}"x\\u0000"${'}'.repeat(50_000)}`;
    const pushed = await call(
      server.url,
      'POST',
      '/api/sync/push',
      tokenOf('technician'),
      `{"protocol":1,"clientId":"fuzz","mutations":[{"id":"${randomUUID()}","name":"ticket:create","args":${deepNul}}]}`,
    );
    expect(pushed.status).toBe(200);
    const { results } = pushed.body as unknown as PushResponse;
    expect(results.map((r) => [r.status, r.error?.code])).toEqual([['rejected', 'invalid_args']]);
    await expectAlive();
  });

  it('answers a request line over 16 KB with 431 and the error shape', async () => {
    const answer = await call(server.url, 'GET', `/api/health?q=${'x'.repeat(40_000)}`, null);
    expect(answer.body).toEqual({
      statusCode: 431,
      code: 'headers_too_large',
      error: 'Request Header Fields Too Large',
      message: expect.stringContaining('16 KB') as unknown,
    });
    await expectAlive();
  });

  it('answers an over-long id with 414 and a malformed %-escape with 400, both in the error shape and without echoing the path', async () => {
    const token = tokenOf('admin');
    const long = await call(server.url, 'PATCH', `/api/users/${'a'.repeat(150)}`, token, { active: true });
    expect(long.body).toEqual({ statusCode: 414, code: 'uri_too_long', error: 'URI Too Long', message: expect.stringContaining('100 characters') as unknown });
    const broken = await call(server.url, 'PATCH', '/api/users/%E0%A4%A', token, { active: true });
    expect(broken.body).toEqual({ statusCode: 400, code: 'invalid_request', error: 'Bad Request', message: expect.stringContaining('%-escape') as unknown });
    expect(broken.headers.get('x-content-type-options')).toBe('nosniff');
    await expectAlive();
  });

  it('keeps the limits: 1000 mutations a push, 10 MB a body, 1000 changes a pull page', async () => {
    const token = tokenOf('technician') ?? '';
    const tooMany = Array.from({ length: MAX_PUSH_MUTATIONS + 1 }, () => ({ id: randomUUID(), name: 'ticket:create', args: {} }));
    const many = await call(server.url, 'POST', '/api/sync/push', token, { protocol: 1, clientId: 'fuzz', mutations: tooMany });
    expect(many).toMatchObject({ status: 400, body: { statusCode: 400, code: 'invalid_request' } });
    expect(String(many.body.message)).toContain('mutations');
    expect(String(many.body.message)).toContain(String(MAX_PUSH_MUTATIONS));

    const padding = 'x'.repeat(10 * 1024 * 1024);
    const huge = await call(server.url, 'POST', '/api/sync/push', token, `{"protocol":1,"clientId":"${padding}","mutations":[]}`);
    expect(huge).toMatchObject({ status: 413, body: { statusCode: 413, code: 'payload_too_large', error: 'Payload Too Large' } });
    expect(String(huge.body.message)).not.toBe('');

    // More than a page of changes after the cursor: 520 tickets make 1040 (ticket and event each).
    const { cursor } = await pullToEnd(server.url, token);
    await push(
      server.url,
      token,
      Array.from({ length: 520 }, () => ({ name: 'ticket:create', args: makeCreateArgs() })),
    );
    const page = await pullPage(server.url, token, cursor, 1001);
    expect(page.changes).toHaveLength(1000);
    expect(page.hasMore).toBe(true);
    await expectAlive();
  });
});
