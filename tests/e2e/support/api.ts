import { randomUUID } from 'node:crypto';
import type { MutationArgsMap } from '../../../shared/domain/mutationArgs';
import type { Ticket } from '../../../shared/domain/ticket';
import type { TrainingClass } from '../../../shared/training/trainingClass';
import { PROTOCOL_VERSION, type PullResponse, type PushRequest, type PushResponse } from '../../../shared/sync/protocol';
import { DEMO_PASSWORD, E2E_BASE_URL } from './env';

/** The server's HTTP API as a test sees it: to arrange data and to check what reached the server. */

const call = async <T>(path: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<T> => {
  const response = await fetch(`${E2E_BASE_URL}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.token === undefined ? {} : { authorization: `Bearer ${init.token}` }),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
};

export type ApiUser = { id: string; username: string; displayName: string };

export const apiSignIn = async (username: string, password = DEMO_PASSWORD): Promise<{ token: string; user: ApiUser }> =>
  call('/api/auth/login', { method: 'POST', body: { username, password } });

/** Every ticket the server holds, by id, read through the change feed from the start. */
export const serverTickets = async (token: string): Promise<Map<string, Ticket>> => {
  const tickets = new Map<string, Ticket>();
  let cursor: string | null = null;
  for (;;) {
    const query: string = cursor === null ? 'limit=1000' : `limit=1000&cursor=${encodeURIComponent(cursor)}`;
    const page: PullResponse = await call(`/api/sync/pull?${query}`, { token });
    for (const change of page.changes) {
      if (change.entity !== 'ticket') continue;
      if (change.op === 'put') tickets.set(change.id, change.data);
      else tickets.delete(change.id);
    }
    cursor = page.cursor;
    if (!page.hasMore) return tickets;
  }
};

/** Every training class the server holds, by id, read through the change feed from the start. */
export const serverClasses = async (token: string): Promise<Map<string, TrainingClass>> => {
  const classes = new Map<string, TrainingClass>();
  let cursor: string | null = null;
  for (;;) {
    const query: string = cursor === null ? 'limit=1000' : `limit=1000&cursor=${encodeURIComponent(cursor)}`;
    const page: PullResponse = await call(`/api/sync/pull?${query}`, { token });
    for (const change of page.changes) if (change.entity === 'class' && change.op === 'put') classes.set(change.id, change.data);
    cursor = page.cursor;
    if (!page.hasMore) return classes;
  }
};

/** Pushes changes as another console would; throws unless the server applied every one. */
export const pushAs = async (token: string, request: PushRequest): Promise<void> => {
  const response: PushResponse = await call('/api/sync/push', { method: 'POST', token, body: request });
  const refused = response.results.find((result) => result.status !== 'applied');
  if (refused !== undefined || response.results.length !== request.mutations.length) {
    throw new Error(`the server did not apply the push: ${JSON.stringify(response.results)}`);
  }
};

/** Creates a ticket on the server directly, as another console would. */
export const createTicketOnServer = (token: string, args: MutationArgsMap['ticket:create']): Promise<void> =>
  pushAs(token, { protocol: PROTOCOL_VERSION, clientId: `e2e-${randomUUID()}`, mutations: [{ id: randomUUID(), name: 'ticket:create', args }] });

/** Creates an account as the admin would with curl; `tier` for technicians only. */
export const createUserOnServer = (
  adminToken: string,
  user: { username: string; password: string; displayName: string; role: 'technician' | 'supervisor' | 'admin'; tier?: 1 | 2 | 3 },
): Promise<{ user: ApiUser }> => call('/api/users', { method: 'POST', token: adminToken, body: user });
