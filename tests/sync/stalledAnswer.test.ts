import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpRemote } from '../../shared/sync/httpRemote';
import { RemoteError } from '../../shared/sync/remote';
import { cleanFaults, createFaultyFetch } from '../support/faultyFetch';

/** A server that answers 200 with its headers and the start of a body, then never sends the rest. */
describe('an answer that stalls after its headers', () => {
  let server: Server;
  let baseUrl: string;
  const open = new Set<ServerResponse>();

  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"protocol":1,"changes":[');
      open.add(response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    open.forEach((response) => response.destroy());
    await new Promise((resolve) => server.close(resolve));
  });

  it('fails the pull as a network error within the request timeout, so the engine backs off and tries again', async () => {
    const remote = createHttpRemote({ baseUrl, fetch: createFaultyFetch(cleanFaults(), Math.random).fetch, getToken: () => 'token', timeoutMs: 300 });
    const outcome = await remote.pull(null, 10).then(
      () => 'answered',
      (error: unknown) => error,
    );
    expect(outcome).toBeInstanceOf(RemoteError);
    expect(outcome).toMatchObject({ kind: 'network' });
  });
});
