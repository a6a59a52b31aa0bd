import type { UsersAnswer, UsersRequest } from '../../shared/users/api';
import { usersHttpRequest } from '../../shared/users/api';

/** The part of fetch the account requests use; Node's and Electron's net.fetch satisfy it. */
export type ServerFetch = (
  url: string,
  init: { method?: string; headers: Record<string, string>; body?: string },
) => Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;

/**
 * Sends one of the account requests (already checked by the contract) to the signed-in
 * server with the token, which never leaves the main process; `unreachable` when it cannot.
 */
export const sendUsersRequest = async (doFetch: ServerFetch, serverUrl: string, token: string, request: UsersRequest): Promise<UsersAnswer> => {
  const { method, path, body } = usersHttpRequest(request);
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== null) headers['content-type'] = 'application/json';
  let response: Awaited<ReturnType<ServerFetch>>;
  try {
    response = await doFetch(`${serverUrl}${path}`, { method, headers, ...(body === null ? {} : { body }) });
  } catch {
    return { kind: 'unreachable' };
  }
  return { kind: 'answered', status: response.status, body: await response.text() };
};
