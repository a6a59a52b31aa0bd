import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicUser } from '../../shared/domain/records';
import type { UsersAnswer } from '../../shared/users/api';
import { startTestServer, type TestServer } from '../../tests/support/testServer';
import { shellAgainstServer } from '../testing/shellAgainstServer';
import type { ServerFetch } from './serverRequest';

let server: TestServer;
let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'meja-users-ipc-'));
  server = await startTestServer(`sqlite:${join(folder, 'meja.db')}`, { demo: true });
});
afterAll(async () => {
  await server?.close();
  await rm(folder, { recursive: true, force: true });
});

/** The real network, with a note of every request the main process sends. */
const recordingFetch = () => {
  const sent: { url: string; method: string | undefined; body: string | undefined }[] = [];
  const recording: ServerFetch = (url, init) => {
    sent.push({ url, method: init.method, body: init.body });
    return fetch(url, init);
  };
  return { sent, recording };
};

const setUp = (serverFetch?: ServerFetch) => shellAgainstServer(server.url, folder, serverFetch);

const answered = (response: unknown): { status: number; json: unknown } => {
  const value = (response as { ok: true; value: UsersAnswer }).value;
  if (value?.kind !== 'answered') throw new Error(`expected an answer, got ${JSON.stringify(response)}`);
  return { status: value.status, json: JSON.parse(value.body) };
};

describe('users:request', () => {
  it('lists and creates accounts for a signed-in admin, and the new account can sign in', async () => {
    const { invoke } = await setUp();
    await invoke('session:signIn', { username: 'admin', password: server.adminPassword });

    const created = answered(
      await invoke('users:request', {
        action: 'create',
        body: { username: 'nadia', password: 'nadia-password', displayName: 'Nadia Putri', role: 'technician', tier: 2 },
      }),
    );
    expect(created.status).toBe(201);
    expect((created.json as { user: PublicUser }).user).toMatchObject({
      username: 'nadia',
      displayName: 'Nadia Putri',
      role: 'technician',
      tier: 2,
      active: true,
    });

    const list = answered(await invoke('users:request', { action: 'list' }));
    expect(list.status).toBe(200);
    expect((list.json as { users: PublicUser[] }).users.map((user) => user.username)).toContain('nadia');

    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'nadia', password: 'nadia-password' }),
    });
    expect(login.status).toBe(200);
  });

  it("passes the server's refusals through with their code and message", async () => {
    const { invoke } = await setUp();
    await invoke('session:signIn', { username: 'admin', password: server.adminPassword });
    const taken = answered(
      await invoke('users:request', {
        action: 'create',
        body: { username: 'tina', password: 'another-password', displayName: 'Tina 2', role: 'technician', tier: 1 },
      }),
    );
    expect(taken).toMatchObject({ status: 409, json: { code: 'username_taken' } });
    const invalid = answered(
      await invoke('users:request', { action: 'create', body: { username: 'Bad Name', password: 'short', displayName: 'X', role: 'technician', tier: 1 } }),
    );
    expect(invalid.status).toBe(400);
    expect((invalid.json as { message: string }).message).toMatch(/username: .*password: at least/);
  });

  it("sends a change as PATCH /api/users/:id with the page's body", async () => {
    const { sent, recording } = recordingFetch();
    const { invoke } = await setUp(recording);
    await invoke('session:signIn', { username: 'admin', password: server.adminPassword });
    const response = await invoke('users:request', { action: 'update', id: 'user-42', body: { role: 'supervisor', tier: null } });
    // The answer is the server's, whatever it is; what matters here is what was asked.
    expect(response).toMatchObject({ ok: true, value: { kind: 'answered' } });
    expect(sent.at(-1)).toEqual({ url: `${server.url}/api/users/user-42`, method: 'PATCH', body: JSON.stringify({ role: 'supervisor', tier: null }) });
  });

  it('sets a password as POST /api/users/:id/password: the old one stops working, the new one signs in', async () => {
    const { sent, recording } = recordingFetch();
    const { invoke } = await setUp(recording);
    await invoke('session:signIn', { username: 'admin', password: server.adminPassword });
    const created = answered(
      await invoke('users:request', {
        action: 'create',
        body: { username: 'omar', password: 'omar-old-password', displayName: 'Omar', role: 'technician', tier: 1 },
      }),
    );
    const omar = (created.json as { user: PublicUser }).user;
    const tooShort = answered(await invoke('users:request', { action: 'setPassword', id: omar.id, body: { password: 'short' } }));
    expect(tooShort).toMatchObject({ status: 400, json: { code: 'invalid_request' } });
    expect((tooShort.json as { message: string }).message).toContain('password: at least 10 characters');
    const set = answered(await invoke('users:request', { action: 'setPassword', id: omar.id, body: { password: 'omar-new-password' } }));
    expect(set).toMatchObject({ status: 200, json: { user: { id: omar.id, username: 'omar' } } });
    expect(sent.at(-1)).toEqual({
      url: `${server.url}/api/users/${omar.id}/password`,
      method: 'POST',
      body: JSON.stringify({ password: 'omar-new-password' }),
    });
    const signIn = (password: string) =>
      fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'omar', password }),
      });
    expect((await signIn('omar-old-password')).status).toBe(401);
    expect((await signIn('omar-new-password')).status).toBe(200);
  });

  it("passes a technician's 403 through for the page to explain", async () => {
    const { invoke } = await setUp();
    await invoke('session:signIn', { username: 'tina', password: 'demo-password' });
    expect(answered(await invoke('users:request', { action: 'list' })).status).toBe(403);
  });

  it('refuses before sign-in and refuses requests outside the four', async () => {
    const { invoke } = await setUp();
    expect(await invoke('users:request', { action: 'list' })).toMatchObject({ ok: false, error: { code: 'handler_failed' } });
    await invoke('session:signIn', { username: 'admin', password: server.adminPassword });
    expect(await invoke('users:request', { action: 'update', id: '../auth/logout', body: {} })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(await invoke('users:request', { action: 'delete', id: 'abc' })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    expect(await invoke('users:request', { action: 'update', id: 'abc', body: { password: 'new-password-1' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_args' },
    });
    // A password set takes the password alone, for an id that stays one path segment.
    expect(await invoke('users:request', { action: 'setPassword', id: '../auth/logout', body: { password: 'new-password-1' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_args' },
    });
    expect(await invoke('users:request', { action: 'setPassword', id: 'abc', body: { password: 'new-password-1', role: 'admin' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_args' },
    });
    expect(await invoke('users:request', { action: 'setPassword', id: 'abc' })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
  });

  it('says unreachable when the server cannot be asked', async () => {
    const unplugged: ServerFetch = () => Promise.reject(new TypeError('fetch failed'));
    const { invoke } = await setUp(unplugged);
    await invoke('session:signIn', { username: 'admin', password: server.adminPassword });
    expect(await invoke('users:request', { action: 'list' })).toEqual({ ok: true, value: { kind: 'unreachable' } });
  });
});
