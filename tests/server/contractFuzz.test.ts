import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_CONTRACTS } from '../../server/routes/openapi';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import type { PublicUser, Role } from '../../shared/domain/records';
import { PROTOCOL_VERSION, type PushResponse } from '../../shared/sync/protocol';
import { createAnswerChecker, type Reply } from '../support/answerChecker';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { encodeHostile } from '../support/percentEncoding';
import { operationsOf, type OpenApiDocument, type Operation } from '../support/openapiDocument';
import { createRequestGenerator, type Mode, type Principal, type TestRequest } from '../support/requestGenerator';
import { startTestServer, type TestServer } from '../support/testServer';

/**
 * The server tested from its published contract alone, like Schemathesis would: every operation of
 * GET /api/openapi.json gets requests generated from the document (valid ones, ones that break one
 * declared rule, ones by someone the access rule turns away), sent over loopback to the real server
 * with demo data, and every answer must have a declared status, a declared content type and a body
 * that fits its schema (Ajv, JSON Schema 2020-12); none may be a 5xx.
 */

/** Fixed, so a failure reproduces; fast-check prints the seed and the generated case. Override with MEJA_CONTRACT_SEED. */
const SEED = Number(process.env.MEJA_CONTRACT_SEED ?? 2026);
const RUNS_PER_OPERATION = Number(process.env.MEJA_CONTRACT_RUNS ?? 36);

/** The operations of the document, by id; the document must list exactly these (tests/server/openapi.test.ts checks it against the server's routes). */
const OPERATION_IDS = API_CONTRACTS.map((contract) => contract.id);

/** Demo staff the tester signs in as; the others' ids are offered for path parameters (changing them cannot lock the tester out). */
const PRINCIPAL_LOGINS: Record<Role, string> = { technician: 'tina', supervisor: 'sue', admin: 'admin' };

describe.each(DATABASE_KINDS)('the OpenAPI contract, tested from outside on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let doc: OpenApiDocument;
  let check: ReturnType<typeof createAnswerChecker>;
  const tokens = new Map<Principal, string | null>([
    ['anonymous', null],
    ['bad token', 'not-a-token'],
  ]);
  /** Answers per operation and status, to show that every operation was reached and how. */
  const seen = new Map<string, Map<number, number>>();

  const record = (operation: Operation, status: number): void => {
    const statuses = seen.get(operation.operationId) ?? new Map<number, number>();
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    seen.set(operation.operationId, statuses);
  };

  const operation = (id: string): Operation => {
    const found = operationsOf(doc).find((o) => o.operationId === id);
    if (found === undefined) throw new Error(`The document has no operation ${id}`);
    return found;
  };

  /** Sends a request and reads the answer; an event stream only to its headers. */
  const send = async (request: TestRequest): Promise<Reply> => {
    const token = tokens.get(request.who) ?? null;
    const query = request.query.map(([name, value]) => `${encodeHostile(name)}=${encodeHostile(value)}`).join('&');
    const controller = new AbortController();
    const response = await fetch(`${server.url}${request.path}${query === '' ? '' : `?${query}`}`, {
      method: request.operation.method,
      redirect: 'manual',
      signal: controller.signal,
      headers: {
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        ...(request.body === undefined ? {} : { 'content-type': request.body.contentType }),
      },
      ...(request.body === undefined ? {} : { body: request.body.data }),
    });
    const contentType = response.headers.get('content-type');
    if ((contentType ?? '').startsWith('text/event-stream')) {
      controller.abort();
      return { status: response.status, contentType, text: null, headers: response.headers };
    }
    return { status: response.status, contentType, text: await response.text(), headers: response.headers };
  };

  const describeRequest = (request: TestRequest): string =>
    `${request.operation.method} ${request.path}${request.query.length === 0 ? '' : `?${request.query.map(([n, v]) => `${n}=${v.slice(0, 40)}`).join('&')}`} as ${request.who}${request.broken === undefined ? '' : ` (broken: ${request.broken})`}${request.body === undefined ? '' : ` body ${request.body.data.slice(0, 300)}`}`;

  /** Everything wrong with the answer to one request: off the document, a 5xx, or not what its kind of request must get. */
  const problemsWith = (request: TestRequest, reply: Reply): string[] => {
    const problems = check(request.operation, reply);
    if (reply.status >= 500) problems.push(`answered ${reply.status}: ${reply.text?.slice(0, 300) ?? ''}`);
    if (request.expect === '4xx' && (reply.status < 400 || reply.status >= 500))
      problems.push(`accepted a request the document calls invalid: ${reply.status}`);
    if (typeof request.expect === 'number' && reply.status !== request.expect) problems.push(`expected the guard's ${request.expect}, got ${reply.status}`);
    return problems;
  };

  const signIn = async (role: Role): Promise<void> => {
    const login = operation('login');
    const password = role === 'admin' ? server.adminPassword : DEMO_PASSWORD;
    const request: TestRequest = {
      operation: login,
      who: 'anonymous',
      path: login.path,
      query: [],
      body: { contentType: 'application/json', data: JSON.stringify({ username: PRINCIPAL_LOGINS[role], password }) },
      expect: 'declared',
    };
    const reply = await send(request);
    record(login, reply.status);
    expect(problemsWith(request, reply), describeRequest(request)).toEqual([]);
    expect(reply.status).toBe(200);
    tokens.set(role, (JSON.parse(reply.text ?? '{}') as { token: string }).token);
  };

  beforeAll(async () => {
    database = await createDatabase(kind);
    // Generous sign-in limits: the tester signs in again after each sign-out, between many wrong logins. A small
    // tracking limit, so that lookups past it get 429 and its Retry-After is checked too.
    server = await startTestServer(database.url, { demo: true, trackRate: 12, loginAccountRate: 1_000_000, loginAddressRate: 1_000_000 });
    const answer = await fetch(`${server.url}/api/openapi.json`);
    expect(answer.status).toBe(200);
    doc = (await answer.json()) as OpenApiDocument;
    check = createAnswerChecker(doc);
    for (const role of ['technician', 'supervisor', 'admin'] as const) await signIn(role);
  });

  afterAll(async () => {
    const summary = [...seen].map(([id, statuses]) => `${id} ${[...statuses].map(([status, n]) => `${status}×${n}`).join(' ')}`);
    process.stdout.write(`contract fuzz on ${kind} (seed ${SEED}):\n  ${summary.join('\n  ')}\n`);
    await server?.close();
    await database?.drop();
  });

  let generate: ReturnType<typeof createRequestGenerator>;

  beforeAll(async () => {
    // Values an outside tester learns from the API itself, offered for path parameters of the same name.
    const listed = await send({ operation: operation('listUsers'), who: 'admin', path: '/api/users', query: [], expect: 'declared' });
    const { users } = JSON.parse(listed.text ?? '{}') as { users: PublicUser[] };
    const others = users.filter((user) => !Object.values(PRINCIPAL_LOGINS).includes(user.username));
    // Some resolved tickets not answered yet, so that a caller's answer (trackAnswer) can be taken.
    const waiting = await server.db
      .selectFrom('tickets as t')
      .leftJoin('track_answers as a', (join) => join.onRef('a.ticket_id', '=', 't.id').onRef('a.resolved_at', '=', 't.resolved_at'))
      .select('t.code')
      .where('t.status', '=', 'resolved')
      .where('a.event_id', 'is', null)
      .orderBy('t.code')
      .limit(5)
      .execute();
    expect(waiting.length).toBeGreaterThan(0);
    const codes = [...(await server.db.selectFrom('tickets').select('code').orderBy('code').limit(5).execute()), ...waiting];
    expect(others.length).toBeGreaterThan(0);
    expect(codes.length).toBeGreaterThan(0);
    const articles = await server.db.selectFrom('articles').select('id').where('status', '=', 'published').where('visibility', '=', 'public').execute();
    expect(articles.length).toBeGreaterThan(0);
    // A file of each role's own: until a ticket carries it, only its uploader may read it.
    const attachmentIds: string[] = [];
    for (const role of ['technician', 'supervisor', 'admin'] as const) {
      const stored = await fetch(`${server.url}/api/attachments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.get(role) ?? ''}`, 'x-file-name': 'log.txt' },
        body: `log of ${role}\n`,
      });
      expect(stored.status).toBe(201);
      attachmentIds.push(((await stored.json()) as { id: string }).id);
    }
    // A file on a public note, which a caller holding the ticket's code may fetch (trackAttachment): uploaded and
    // attached by a technician, its ticket's code offered often enough that a pairing comes up within the runs.
    const noted = await server.db
      .selectFrom('notes as n')
      .innerJoin('tickets as t', 't.id', 'n.ticket_id')
      .select(['n.id as noteId', 't.id as ticketId', 't.code'])
      .where('n.visibility', '=', 'public')
      .orderBy('n.id')
      .executeTakeFirstOrThrow();
    const shared = await fetch(`${server.url}/api/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.get('technician') ?? ''}`, 'x-file-name': 'screen.txt' },
      body: 'what the caller sees\n',
    });
    expect(shared.status).toBe(201);
    const fileId = ((await shared.json()) as { id: string }).id;
    const attached = await fetch(`${server.url}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get('technician') ?? ''}` },
      body: JSON.stringify({
        protocol: PROTOCOL_VERSION,
        clientId: 'contract-fuzz',
        mutations: [
          {
            id: randomUUID(),
            name: 'attachment:add',
            args: { id: randomUUID(), attachmentId: fileId, ticketId: noted.ticketId, noteId: noted.noteId, name: 'screen.txt' },
          },
        ],
      }),
    });
    expect(((await attached.json()) as PushResponse).results.map((result) => result.status)).toEqual(['applied']);
    // A ticket reference (readTicket) may be a caller code, typed in lower case as a caller might.
    generate = createRequestGenerator(doc, {
      articleId: articles.map((row) => row.id),
      // The feedback route's wildcard holds the article id and what follows it.
      articleIdFeedback: articles.map((row) => `${row.id}/feedback`),
      attachmentId: attachmentIds,
      id: others.map((user) => user.id),
      code: [...codes.map((row) => row.code.toLowerCase()), ...Array.from({ length: codes.length }, () => noted.code.toLowerCase())],
      fileId: [fileId],
      ref: codes.map((row) => row.code.toLowerCase()),
    });
  });

  it('lists the operations this tester walks', () => {
    expect(
      operationsOf(doc)
        .map((op) => op.operationId)
        .sort(),
    ).toEqual([...OPERATION_IDS].sort());
  });

  it.each(OPERATION_IDS)(
    'answers %s within the document, never with a 5xx, for valid, invalid and turned-away requests',
    async (id) => {
      const op = operation(id);
      await fc.assert(
        fc.asyncProperty(fc.nat(), fc.constantFrom<Mode>('positive', 'positive', 'negative', 'access'), async (seed, mode) => {
          const request = generate(op, mode, seed);
          if (request === null) return;
          const reply = await send(request);
          record(op, reply.status);
          expect(problemsWith(request, reply), describeRequest(request)).toEqual([]);
          // Signing out ends the tester's own session: sign in again.
          if (op.operationId === 'logout' && reply.status === 200 && request.who !== 'anonymous' && request.who !== 'bad token') await signIn(request.who);
        }),
        { seed: SEED, numRuns: RUNS_PER_OPERATION, endOnFailure: true },
      );
      // Generation reached the handler, not only the guard and the input checks.
      expect(
        [...(seen.get(id)?.keys() ?? [])].filter((status) => status >= 200 && status < 300),
        `statuses of ${id}`,
      ).not.toEqual([]);
    },
    180_000,
  );
});
