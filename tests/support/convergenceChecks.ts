import { expect } from 'vitest';
import { cacheState, pullAll, type TestClient } from './syncClient';
import { appliedMutationStatuses } from './testServer';

const sorted = (state: Map<string, unknown>) => [...state.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

export type ConvergedClient = { client: TestClient; rejected: number; applied: number };

/**
 * After the consoles have settled: each cache equals the server's whole state with nothing left in
 * its outbox or bases; each queued change reached the server, refused there exactly when the
 * console lists it as refused; ticket numbers run 1…n (no create applied twice or lost).
 * `mutationsOf` narrows the changes to check when some were never meant to reach this server
 * (those a restore from backup took back).
 */
export const expectConverged = async (
  clients: readonly TestClient[],
  server: { url: string; token: string; databaseUrl: string },
  options: { mutationsOf?: (client: TestClient) => readonly string[] } = {},
): Promise<ConvergedClient[]> => {
  const serverState = await pullAll(server.url, server.token);
  const statuses = await appliedMutationStatuses(server.databaseUrl);
  const converged: ConvergedClient[] = [];
  for (const client of clients) {
    expect(await client.db.outbox.count(), `${client.name} outbox`).toBe(0);
    expect(await client.db.bases.count(), `${client.name} bases`).toBe(0);
    const cache = await cacheState(client.db);
    expect([...cache.keys()].sort(), `${client.name} keys`).toEqual([...serverState.keys()].sort());
    expect(sorted(cache), `${client.name} records`).toEqual(sorted(serverState));
    const rejected = new Set((await client.db.rejected.toArray()).map((r) => r.id));
    const mutations = options.mutationsOf?.(client) ?? client.queued;
    for (const id of mutations) {
      const status = statuses.get(id);
      expect(status, `mutation ${id} of ${client.name} reached the server`).toBeDefined();
      expect(status === 'rejected', `mutation ${id}: rejected on the server iff reported`).toBe(rejected.has(id));
    }
    converged.push({ client, rejected: rejected.size, applied: mutations.filter((id) => statuses.get(id) === 'applied').length });
  }
  const numbers = [...serverState.values()].flatMap((r) => ('number' in r && 'code' in r ? [r.number] : [])).sort((a, b) => (a ?? 0) - (b ?? 0));
  expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  return converged;
};
