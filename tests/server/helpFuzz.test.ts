import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countSelfHelpAnswers } from '../../server/help/feedback';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { call, push, type Answer } from '../support/http';
import { login } from '../support/syncClient';
import { startTestServer, type TestServer } from '../support/testServer';

/** Fixed, so a failure reproduces; fast-check prints seed and path with the counterexample. Override with MEJA_FUZZ_SEED. */
const SEED = Number(process.env.MEJA_FUZZ_SEED ?? 22_2026);
const RUNS = 60;

const NOT_FOUND = { statusCode: 404, code: 'not_found', error: 'Not Found', message: 'No public article has this id.' };

/**
 * Ids of every kind: unicode, control characters, slashes, SQL, long. Only what a URL's path can
 * carry to the server: well-formed UTF-16, not `.` or `..` (a URL resolves them, escaped too, as
 * path steps), and within the 16 KB a request line may take (past it the answer is 431).
 */
const anyId = fc
  .oneof(
    fc.string({ unit: 'grapheme', maxLength: 60 }),
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.constantFrom('', '../../etc/passwd', '...', '\u0000', 'a\u0000b', "' or 1=1 --", '%', '%zz', '__proto__', 'feedback', 'a/feedback', '/'),
    fc.stringMatching(/^[A-Za-z0-9_:.-]{1,64}$/),
    fc.nat(5_000).map((n) => 'x'.repeat(n)),
  )
  .filter((id) => {
    if (id === '.' || id === '..') return false;
    try {
      encodeURIComponent(id);
      return true;
    } catch {
      return false;
    }
  });

/** Bodies of every kind, as the raw text sent: JSON of anything, the right shape with wrong values, and text that is not JSON. */
const anyBody = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.record({ solved: fc.anything() }).map((value) => JSON.stringify(value) ?? '{}'),
  fc.boolean().map((solved) => JSON.stringify({ solved })),
  fc.string({ maxLength: 40 }),
);

/** Every character of the id escaped, dots too, so the client does not read `.` or `..` as a path step. */
const pathOf = (id: string): string => encodeURIComponent(id).replaceAll('.', '%2E');

const expectNoServerError = (answer: Answer, label: string): void => {
  expect(answer.status, `${label}: ${JSON.stringify(answer.body).slice(0, 300)}`).toBeLessThan(500);
  if (answer.status >= 400) expect(answer.body, label).toMatchObject({ statusCode: answer.status, code: expect.any(String), message: expect.any(String) });
};

describe.each(DATABASE_KINDS)('self-help routes under arbitrary ids and bodies on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  const published = { id: randomUUID(), title: 'Reset a password', body: 'Use the portal.', category: 'accounts', tags: [], visibility: 'public' };

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url, { helpRate: 1_000_000 });
    const { token } = await login(server.url, 'admin', server.adminPassword);
    await push(server.url, token, [
      { name: 'article:create', args: published },
      { name: 'article:publish', args: { id: published.id } },
    ]);
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('reads: the article for its own id, the same 404 for any other, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(anyId, async (id) => {
        const answer = await call(server.url, 'GET', `/api/help/articles/${pathOf(id)}`, null);
        if (id === published.id) expect(answer.status).toBe(200);
        else expect(answer.body).toEqual(NOT_FOUND);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('answers: stored for the article with {solved: boolean}, a 400 for any other body, the same 404 for any other id, never a 500', async () => {
    const start = Date.now();
    let stored = { yes: 0, no: 0 };
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyId, fc.constant(published.id)), anyBody, async (id, body) => {
        const answer = await call(server.url, 'POST', `/api/help/articles/${pathOf(id)}/feedback`, null, body);
        const label = `${JSON.stringify(id).slice(0, 80)} ${body.slice(0, 80)}`;
        expectNoServerError(answer, label);
        const parsed: unknown = (() => {
          try {
            return JSON.parse(body);
          } catch {
            return undefined;
          }
        })();
        const isValid =
          typeof parsed === 'object' &&
          parsed !== null &&
          !Array.isArray(parsed) &&
          Object.keys(parsed).join() === 'solved' &&
          typeof Object.values(parsed)[0] === 'boolean';
        if (!isValid) {
          expect(answer.status, label).toBe(400);
          return;
        }
        if (id !== published.id) {
          expect(answer.body, label).toEqual(NOT_FOUND);
          return;
        }
        expect(answer.status, label).toBe(200);
        const solved = Object.values(parsed)[0] === true;
        stored = solved ? { ...stored, yes: stored.yes + 1 } : { ...stored, no: stored.no + 1 };
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(stored.yes + stored.no).toBeGreaterThan(0);
    // Every answer accepted is counted, and nothing else.
    expect(await countSelfHelpAnswers(server.db, { from: start, to: Date.now() + 1 })).toEqual(stored);
  });
});
