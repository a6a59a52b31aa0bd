import type { PublicUser } from '../../shared/domain/records';
import type { AccountChange, NewAccount, PasswordSet, UsersAnswer, UsersRequest } from '../../shared/users/api';
import { serverRefusal } from '../app/serverRefusal';
import { isRecord, parseJsonOrNull } from '../../shared/json';

/** The way to the account routes: the page's own fetch on the web, the main process on the desktop. */
export type AccountsTransport = { send(request: UsersRequest): Promise<UsersAnswer> };

/**
 * Why an account request did not go through: `offline` when the server could not be asked
 * (there is no outbox for accounts: nothing is kept to send later), `refused` with the server's
 * stable `code` and its `message` otherwise.
 */
export type AccountsFailure = { kind: 'offline' } | { kind: 'refused'; status: number; code: string; message: string };

export type AccountsResult<T> = { ok: true; value: T } | { ok: false; failure: AccountsFailure };

export const refusalOf = (status: number, text: string): AccountsFailure => ({ kind: 'refused', status, ...serverRefusal(status, text) });

/** The body of a successful answer, or why there is none; `expected` is the route's success status. */
export const readAnswer = <T>(answer: UsersAnswer, expected: number, pick: (body: unknown) => T | null): AccountsResult<T> => {
  if (answer.kind === 'unreachable') return { ok: false, failure: { kind: 'offline' } };
  if (answer.status !== expected) return { ok: false, failure: refusalOf(answer.status, answer.body) };
  const value = pick(parseJsonOrNull(answer.body));
  return value === null
    ? { ok: false, failure: { kind: 'refused', status: answer.status, code: 'bad_answer', message: 'The server sent an answer the console cannot read.' } }
    : { ok: true, value };
};

// The server is trusted for the user's fields; only the envelope is checked.
const pickUsers = (body: unknown): PublicUser[] | null => (isRecord(body) && Array.isArray(body.users) ? (body.users as PublicUser[]) : null);
const pickUser = (body: unknown): PublicUser | null => (isRecord(body) && isRecord(body.user) ? (body.user as PublicUser) : null);

// A transport that throws (the main process refused the request itself) fails like a refusal, so the view shows why.
const send = async <T>(
  transport: AccountsTransport,
  request: UsersRequest,
  expected: number,
  pick: (body: unknown) => T | null,
): Promise<AccountsResult<T>> => {
  try {
    return readAnswer(await transport.send(request), expected, pick);
  } catch (error) {
    return { ok: false, failure: { kind: 'refused', status: 0, code: 'console_error', message: error instanceof Error ? error.message : String(error) } };
  }
};

export const listAccounts = (transport: AccountsTransport): Promise<AccountsResult<PublicUser[]>> => send(transport, { action: 'list' }, 200, pickUsers);

export const createAccount = (transport: AccountsTransport, body: NewAccount): Promise<AccountsResult<PublicUser>> =>
  send(transport, { action: 'create', body }, 201, pickUser);

export const changeAccount = (transport: AccountsTransport, id: string, body: AccountChange): Promise<AccountsResult<PublicUser>> =>
  send(transport, { action: 'update', id, body }, 200, pickUser);

/** Sets a new password; the server ends every session of that user (docs/API.md). */
export const setAccountPassword = (transport: AccountsTransport, id: string, body: PasswordSet): Promise<AccountsResult<PublicUser>> =>
  send(transport, { action: 'setPassword', id, body }, 200, pickUser);
