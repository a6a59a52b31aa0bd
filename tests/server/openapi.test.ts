import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../../server/api/contract';
import type { Access } from '../../server/auth/guard';
import { createAnswerChecker } from '../support/answerChecker';
import { createSqliteDatabase, type TestDatabase } from '../support/databases';
import { compareRoutes, operationsOf, resolveResponse, type OpenApiDocument, type Operation } from '../support/openapiDocument';
import { startTestServer, type TestServer } from '../support/testServer';

/** Roles in a fixed order, so ['supervisor', 'admin'] and ['admin', 'supervisor'] compare equal. */
const normalised = (access: Access): Access => (typeof access === 'string' ? access : [...access].sort());

describe('the OpenAPI document at GET /api/openapi.json', () => {
  let database: TestDatabase;
  let server: TestServer;
  let doc: OpenApiDocument;

  beforeAll(async () => {
    database = await createSqliteDatabase();
    server = await startTestServer(database.url);
    const answer = await fetch(`${server.url}/api/openapi.json`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('application/json');
    doc = (await answer.json()) as OpenApiDocument;
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('is a valid OpenAPI 3.1 document, served to anyone', async () => {
    const validator = new Validator();
    expect(await validator.validate(structuredClone(doc))).toEqual({ valid: true });
    expect(validator.version).toBe('3.1');
    // The validator does look: a parameter in no valid place is refused.
    const broken = structuredClone(doc);
    const parameter = broken.paths['/api/users/{id}']?.patch?.parameters[0];
    if (parameter === undefined) throw new Error('PATCH /api/users/{id} has no parameter');
    Object.assign(parameter, { in: 'body' });
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it('lists exactly the routes the server registers, each with its access rule and security', () => {
    expect(compareRoutes(server.routes, doc)).toEqual({ undocumented: [], unregistered: [] });
    const operations = operationsOf(doc);
    expect(operations).toHaveLength(server.routes.length);
    for (const rule of server.routes) {
      const shape = rule.url.replace(/:([A-Za-z]+)/g, '{$1}');
      const operation = operations.find(
        (o) => o.method === rule.method && (o.path === shape || (rule.url.endsWith('*') && o.path.startsWith(rule.url.slice(0, -1)))),
      );
      const label = `${rule.method} ${rule.url}`;
      expect(operation, label).toBeDefined();
      expect(normalised(operation?.['x-meja-access'] ?? 'public'), label).toEqual(normalised(rule.access));
      expect(operation?.security, label).toEqual(rule.access === 'public' ? [] : [{ bearer: [] }]);
    }
  });

  it('reports a route the server registers without a contract, and a contract without a route', () => {
    const extra = compareRoutes([...server.routes, { method: 'DELETE', url: '/api/users/:id', access: ['admin'] }], doc);
    expect(extra).toEqual({ undocumented: ['DELETE /api/users/{}'], unregistered: [] });
    const missing = compareRoutes(
      server.routes.filter((rule) => rule.url !== '/api/sync/push'),
      doc,
    );
    expect(missing).toEqual({ undocumented: [], unregistered: ['POST /api/sync/push'] });
  });

  it('declares every error in the error shape with the codes of the error table, and every input part', () => {
    const byCode = new Map<string, number>(Object.entries(ERROR_STATUS));
    for (const operation of operationsOf(doc)) {
      const label = `${operation.method} ${operation.path}`;
      const statuses = Object.keys(operation.responses).map(Number);
      expect(
        statuses.some((status) => status >= 200 && status < 300),
        label,
      ).toBe(true);
      expect(statuses, label).toEqual(expect.arrayContaining([400, 408, 431, 500]));
      if (operation['x-meja-access'] !== 'public') expect(statuses, label).toContain(401);
      if (typeof operation['x-meja-access'] !== 'string') expect(statuses, label).toContain(403);
      for (const status of statuses.filter((s) => s >= 400)) {
        const response = resolveResponse(doc, operation.responses[String(status)] ?? { description: '' });
        const schema = response.content?.['application/json']?.schema as
          { allOf: Array<{ $ref?: string; properties?: { statusCode: { const: number }; code: { enum: string[] } } }> } | undefined;
        if (operation.operationId === 'health' && status === 503) continue;
        expect(schema?.allOf[0]?.$ref, `${label} ${status}`).toBe('#/components/schemas/ApiError');
        const shape = schema?.allOf[1]?.properties;
        expect(shape?.statusCode.const, `${label} ${status}`).toBe(status);
        for (const code of shape?.code.enum ?? []) expect(byCode.get(code), `${label}: ${code}`).toBe(status);
      }
      for (const name of operation.path.match(/\{[^}]+\}/g) ?? [])
        expect(
          operation.parameters.map((p) => `{${p.name}}`),
          label,
        ).toContain(name);
    }
    const login = operationsOf(doc).find((o) => o.operationId === 'login');
    expect(login?.requestBody?.content['application/json']?.schema).toEqual({ $ref: '#/components/schemas/LoginRequest' });
    expect(doc.components.schemas.LoginRequest).toMatchObject({ type: 'object', required: ['username', 'password'], additionalProperties: false });
  });

  it('names in docs/API.md exactly the error codes the server answers', () => {
    const api = readFileSync(new URL('../../docs/API.md', import.meta.url), 'utf8');
    const table = api.slice(api.indexOf('## Errors'), api.indexOf('## Routes'));
    const rows = [...table.matchAll(/^\| (\d{3}) \| `([a-z_]+)` \|/gm)].map(([, status, code]) => `${code} ${status}`);
    expect(new Set(rows)).toEqual(new Set(Object.entries(ERROR_STATUS).map(([code, status]) => `${code} ${status}`)));
  });

  it('lets the contract tester tell an answer off the document from one on it', () => {
    const check = createAnswerChecker(doc);
    const me = operationsOf(doc).find((o) => o.operationId === 'me') as Operation;
    const user = { id: 'u1', username: 'tina', displayName: 'Tina', role: 'technician', tier: 1, active: true };
    const json = 'application/json; charset=utf-8';
    expect(check(me, { status: 200, contentType: json, text: JSON.stringify({ user }) })).toEqual([]);
    expect(
      check(me, {
        status: 401,
        contentType: json,
        text: JSON.stringify({ statusCode: 401, code: 'unauthorized', error: 'Unauthorized', message: 'Sign in first.' }),
      }),
    ).toEqual([]);
    expect(check(me, { status: 418, contentType: json, text: '{}' })).toEqual([expect.stringContaining('418 is not declared')]);
    expect(check(me, { status: 200, contentType: 'text/html', text: '<p>' })).toEqual([expect.stringContaining('content type')]);
    expect(check(me, { status: 200, contentType: json, text: JSON.stringify({ user: { ...user, passwordHash: 'x' } }) })).not.toEqual([]);
    expect(check(me, { status: 200, contentType: json, text: JSON.stringify({ user: { ...user, tier: 4 } }) })).not.toEqual([]);
    expect(
      check(me, { status: 401, contentType: json, text: JSON.stringify({ statusCode: 401, code: 'forbidden', error: 'Unauthorized', message: 'x' }) }),
    ).not.toEqual([]);
    const track = operationsOf(doc).find((o) => o.operationId === 'track') as Operation;
    const limited = {
      status: 429,
      contentType: json,
      text: JSON.stringify({ statusCode: 429, code: 'rate_limited', error: 'Too Many Requests', message: 'Wait.' }),
    };
    expect(check(track, { ...limited, headers: new Headers({ 'retry-after': '3' }) })).toEqual([]);
    expect(check(track, { ...limited, headers: new Headers() })).toEqual([expect.stringContaining('Retry-After')]);
  });
});
