import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/app';
import { countSelfHelpAnswers } from '../../server/help/feedback';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { call, push } from '../support/http';
import { login } from '../support/syncClient';
import { startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from '../support/testServer';

const article = (title: string, body: string, visibility: 'public' | 'internal', extra: { category?: string; tags?: string[] } = {}) => ({
  id: randomUUID(),
  title,
  body,
  category: extra.category ?? 'network',
  tags: extra.tags ?? [],
  visibility,
});

describe.each(DATABASE_KINDS)('public self-help on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let limited: RunningServer;
  const vpn = article('Connect to the VPN', 'Open the **VPN** app and sign in. 100% of staff need this_one.', 'public', { tags: ['remote-work'] });
  const printer = article('Drucker: Papierstau beheben', 'Fach 2 öffnen; ÜBERPRÜFEN.', 'public', { category: 'printing' });
  const draft = article('VPN draft', 'Unfinished VPN text', 'public');
  const internal = article('VPN server restart', 'Internal VPN runbook', 'internal');
  let unpublishedLater: ReturnType<typeof article>;

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url);
    limited = await startServer({ databaseUrl: database.url, port: 0, adminPassword: TEST_ADMIN_PASSWORD, helpRate: 3 });
    const { token } = await login(server.url, 'admin', server.adminPassword);
    unpublishedLater = article('VPN on a phone', 'Install the app', 'public');
    const results = await push(server.url, token, [
      ...[vpn, printer, draft, internal, unpublishedLater].map((args) => ({ name: 'article:create', args })),
      ...[vpn, printer, internal, unpublishedLater].map(({ id }) => ({ name: 'article:publish', args: { id } })),
      // Made internal after publishing: gone from the public routes.
      { name: 'article:update', args: { id: unpublishedLater.id, baseVersion: 2, visibility: 'internal' } },
    ]);
    expect(results.results.map((result) => result.status)).toEqual(Array.from({ length: 10 }, () => 'applied'));
  });

  afterAll(async () => {
    await limited?.close();
    await server?.close();
    await database?.drop();
  });

  const search = async (q: string | null) => {
    const answer = await call(server.url, 'GET', q === null ? '/api/help/articles' : `/api/help/articles?q=${encodeURIComponent(q)}`, null);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return (answer.body.articles as Array<{ id: string; title: string; category: string; updatedAt: string }>).map((found) => found.title);
  };

  it('lists and searches published public articles only, every word in any case, without a token', async () => {
    expect((await search(null)).sort()).toEqual([printer.title, vpn.title].sort());
    expect(await search('vpn')).toEqual([vpn.title]);
    expect(await search('  SIGN   vpn ')).toEqual([vpn.title]);
    expect(await search('remote-work')).toEqual([vpn.title]);
    expect(await search('printing')).toEqual([printer.title]);
    expect(await search('überprüfen papierstau')).toEqual([printer.title]);
    expect(await search('runbook')).toEqual([]);
    expect(await search('unfinished')).toEqual([]);
    expect(await search('phone')).toEqual([]);
    // LIKE's wildcards are plain characters here.
    expect(await search('100%')).toEqual([vpn.title]);
    expect(await search('%')).toEqual([vpn.title]);
    expect(await search('this_one')).toEqual([vpn.title]);
    expect(await search('this_')).toEqual([vpn.title]);
    expect(await search('_')).toEqual([vpn.title]);
    const answer = await call(server.url, 'GET', '/api/help/articles?q=vpn', null);
    expect(answer.body).toEqual({ articles: [{ id: vpn.id, title: vpn.title, category: 'network', updatedAt: expect.any(String) }] });
  });

  it('reads a published public article, and answers the same 404 for a draft, an internal, an unknown or a malformed id', async () => {
    const found = await call(server.url, 'GET', `/api/help/articles/${vpn.id}`, null);
    expect(found.status).toBe(200);
    expect(found.body).toEqual({ id: vpn.id, title: vpn.title, body: vpn.body, category: 'network', updatedAt: expect.any(String) });
    expect(Date.parse(String(found.body.updatedAt))).not.toBeNaN();
    const refused = [draft.id, internal.id, unpublishedLater.id, randomUUID(), 'x'.repeat(5000), 'a/b/c', '\u0000', 'a%00b', "' or 1=1 --", ''];
    const answers = await Promise.all(
      refused.map((id) => call(server.url, 'GET', `/api/help/articles/${encodeURIComponent(id).replaceAll('%2F', '/')}`, null)),
    );
    for (const [index, answer] of answers.entries()) {
      expect(answer.status, refused[index]).toBe(404);
      expect(answer.body).toEqual({ statusCode: 404, code: 'not_found', error: 'Not Found', message: 'No public article has this id.' });
    }
  });

  it('refuses a bad query with a 400 that says why', async () => {
    const long = await call(server.url, 'GET', `/api/help/articles?q=${'a'.repeat(201)}`, null);
    expect(long.status).toBe(400);
    expect(long.body).toMatchObject({ code: 'invalid_request', message: 'Invalid article search: q: at most 200 characters' });
    const nul = await call(server.url, 'GET', '/api/help/articles?q=a%00b', null);
    expect(nul.status).toBe(400);
    expect(nul.body.message).toContain('NUL');
    const unknown = await call(server.url, 'GET', '/api/help/articles?query=vpn', null);
    expect(unknown.status).toBe(400);
  });

  it('limits requests per address across both routes with a 429 and Retry-After', async () => {
    expect((await call(limited.url, 'GET', '/api/help/articles?q=vpn', null)).status).toBe(200);
    expect((await call(limited.url, 'GET', `/api/help/articles/${vpn.id}`, null)).status).toBe(200);
    expect((await call(limited.url, 'GET', `/api/help/articles/${randomUUID()}`, null)).status).toBe(404);
    const refused = await call(limited.url, 'GET', `/api/help/articles/${vpn.id}`, null);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'rate_limited' });
    const wait = Number(refused.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(20);
    expect((await call(limited.url, 'GET', '/api/help/articles', null)).status).toBe(429);
    // The other server keeps its own count.
    expect((await call(server.url, 'GET', `/api/help/articles/${vpn.id}`, null)).status).toBe(200);
  });

  it("serves the self-help page at /help and /help/<id>, not the console, with the pages' security headers", async () => {
    for (const path of ['/help', '/help?q=vpn', `/help/${vpn.id}`, '/help/anything/at/all']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(200);
      const page = await response.text();
      expect(page, path).toContain('Help articles');
      expect(page, path).not.toContain('Meja console');
      expect(response.headers.get('content-security-policy'), path).toContain("script-src 'self'");
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('cache-control'), path).toBe('no-cache');
    }
  });

  it('stores a yes or a no under a published public article, and counts them by period', async () => {
    const before = Date.now();
    const answers = [true, false, true, true];
    for (const solved of answers) {
      const answer = await call(server.url, 'POST', `/api/help/articles/${printer.id}/feedback`, null, { solved });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body).toEqual({ articleId: printer.id, solved });
    }
    const after = Date.now() + 1;
    expect(await countSelfHelpAnswers(server.db, { from: before, to: after })).toEqual({ yes: 3, no: 1 });
    // The period is [from, to): nothing before it, nothing from its end on.
    expect(await countSelfHelpAnswers(server.db, { from: before - 60_000, to: before })).toEqual({ yes: 0, no: 0 });
    expect(await countSelfHelpAnswers(server.db, { from: after, to: after + 60_000 })).toEqual({ yes: 0, no: 0 });
  });

  it("answers an answer about a draft, an internal, an unknown or a malformed id, or another path, with the read's 404, storing nothing", async () => {
    const start = Date.now();
    const paths = [
      `${draft.id}/feedback`,
      `${internal.id}/feedback`,
      `${unpublishedLater.id}/feedback`,
      `${randomUUID()}/feedback`,
      `${'x'.repeat(5000)}/feedback`,
      'a/b/feedback',
      '%00/feedback',
      '/feedback',
      'feedback',
      vpn.id,
      `${vpn.id}/feedback/more`,
      `${vpn.id}/other`,
    ];
    for (const path of paths) {
      const answer = await call(server.url, 'POST', `/api/help/articles/${path}`, null, { solved: true });
      expect(answer.status, path).toBe(404);
      expect(answer.body).toEqual({ statusCode: 404, code: 'not_found', error: 'Not Found', message: 'No public article has this id.' });
    }
    expect(await countSelfHelpAnswers(server.db, { from: start, to: Date.now() + 1 })).toEqual({ yes: 0, no: 0 });
  });

  it('refuses a bad answer with a 400 that says why', async () => {
    const bodies: unknown[] = [{}, { solved: 'yes' }, { solved: 1 }, { solved: null }, { solved: true, extra: 1 }, [], 'true', null];
    for (const body of bodies) {
      const answer = await call(server.url, 'POST', `/api/help/articles/${vpn.id}/feedback`, null, JSON.stringify(body));
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.message, JSON.stringify(body)).toMatch(/^Invalid answer/);
    }
    const broken = await call(server.url, 'POST', `/api/help/articles/${vpn.id}/feedback`, null, '{"solved":');
    expect(broken).toMatchObject({ status: 400, body: { code: 'invalid_json' } });
    const none = await call(server.url, 'POST', `/api/help/articles/${vpn.id}/feedback`, null);
    expect(none.status).toBe(400);
  });

  it('limits answers per address together with the reads', async () => {
    const other = await startServer({ databaseUrl: database.url, port: 0, adminPassword: TEST_ADMIN_PASSWORD, helpRate: 2 });
    try {
      expect((await call(other.url, 'GET', `/api/help/articles/${vpn.id}`, null)).status).toBe(200);
      expect((await call(other.url, 'POST', `/api/help/articles/${vpn.id}/feedback`, null, { solved: true })).status).toBe(200);
      const refused = await call(other.url, 'POST', `/api/help/articles/${vpn.id}/feedback`, null, { solved: true });
      expect(refused).toMatchObject({ status: 429, body: { code: 'rate_limited' } });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      await other.close();
    }
  });
});
