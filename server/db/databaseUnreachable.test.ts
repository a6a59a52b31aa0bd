import net from 'node:net';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../http';
import { CommitOutcomeUnknown } from '../sync/pushGroup';
import { databaseUnreachableOf } from './databaseUnreachable';

/** A loopback port nobody listens on: taken, then let go. */
const closedPort = async (): Promise<number> => {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
};

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('databaseUnreachableOf', () => {
  it('recognises the error pg raises when nothing listens where the database should be', async () => {
    const client = new pg.Client({ connectionString: `postgres://meja@127.0.0.1:${await closedPort()}/meja` });
    const error = await client.connect().then(
      () => null,
      (failure: unknown) => failure,
    );
    expect(databaseUnreachableOf(error)).toEqual({ code: 'ECONNREFUSED' });
  });

  it.each(['08006', '08001', '08003', '57P01', '57P02', '57P03', '53300', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'])('counts %s', (code) => {
    expect(databaseUnreachableOf(withCode(code))).toEqual({ code });
  });

  it.each(['Connection terminated unexpectedly', 'Client has encountered a connection error and is not queryable', 'timeout exceeded when trying to connect'])(
    'counts pg’s “%s”',
    (message) => {
      expect(databaseUnreachableOf(new Error(message))).toEqual({ code: message });
    },
  );

  it('follows causes and the parts of an AggregateError', () => {
    expect(databaseUnreachableOf(new CommitOutcomeUnknown(new Error('Connection terminated unexpectedly')))).toEqual({
      code: 'Connection terminated unexpectedly',
    });
    expect(databaseUnreachableOf(new AggregateError([withCode('ECONNREFUSED')], 'connect failed'))).toEqual({ code: 'ECONNREFUSED' });
  });

  it.each([
    ['a unique violation', withCode('23505')],
    ['a full disk', withCode('53100')],
    ['a syntax error', withCode('42601')],
    ['a missing file', withCode('ENOENT')],
    ['an HTTP error', new HttpError(400, 'invalid_request', 'Connection terminated')],
    ['a string', 'Connection terminated unexpectedly'],
  ])('leaves out %s', (_name, error) => {
    expect(databaseUnreachableOf(error)).toBeNull();
  });
});
