import { describe, expect, it } from 'vitest';
import { requestArgs, type RequestResult } from '../../shared/ipc/contract';
import type { PublicUser } from '../../shared/domain/records';
import { makeStandInBridge } from '../desktop/standInBridge';
import { changeAccount, createAccount, listAccounts, refusalOf, setAccountPassword } from './accountsClient';
import { createDesktopAccountsTransport } from './desktopTransport';

const tina: PublicUser = { id: 'u-1', username: 'tina', displayName: 'Tina Tamm', role: 'technician', tier: 1, active: true };

/** A main process whose server answers `answer` for every account request, checked against the contract. */
const mainAnswering = (answer: () => RequestResult<'users:request'>) =>
  makeStandInBridge({
    'users:request': (args) => {
      requestArgs['users:request'].parse(args);
      return answer();
    },
  });

const json = (status: number, body: unknown): RequestResult<'users:request'> => ({ kind: 'answered', status, body: JSON.stringify(body) });

describe('refusalOf', () => {
  it("reads the server's error shape", () => {
    expect(refusalOf(409, JSON.stringify({ statusCode: 409, code: 'last_admin', error: 'Conflict', message: 'Keep one admin.' }))).toEqual({
      kind: 'refused',
      status: 409,
      code: 'last_admin',
      message: 'Keep one admin.',
    });
  });

  it('still says something for a body that is not the server’s', () => {
    expect(refusalOf(502, '<html>Bad gateway</html>')).toEqual({ kind: 'refused', status: 502, code: 'http_502', message: 'The server answered 502.' });
  });
});

describe('the account requests over the desktop transport', () => {
  it('lists, creates and changes through users:request', async () => {
    const main = mainAnswering(() => json(200, { users: [tina] }));
    const transport = createDesktopAccountsTransport(main.bridge);
    expect(await listAccounts(transport)).toEqual({ ok: true, value: [tina] });

    const created = createDesktopAccountsTransport(mainAnswering(() => json(201, { user: tina })).bridge);
    const body = { username: 'tina', password: 'long-password', displayName: 'Tina Tamm', role: 'technician', tier: 1 } as const;
    expect(await createAccount(created, body)).toEqual({ ok: true, value: tina });

    const changed = mainAnswering(() => json(200, { user: { ...tina, active: false } }));
    expect(await changeAccount(createDesktopAccountsTransport(changed.bridge), 'u-1', { active: false })).toEqual({
      ok: true,
      value: { ...tina, active: false },
    });
    expect(changed.calls[0]?.args).toEqual({ action: 'update', id: 'u-1', body: { active: false } });
  });

  it('sets a password through users:request and reads the user answered', async () => {
    const main = mainAnswering(() => json(200, { user: tina }));
    expect(await setAccountPassword(createDesktopAccountsTransport(main.bridge), 'u-1', { password: 'a-new-password' })).toEqual({ ok: true, value: tina });
    expect(main.calls[0]?.args).toEqual({ action: 'setPassword', id: 'u-1', body: { password: 'a-new-password' } });
    const refused = mainAnswering(() =>
      json(400, { statusCode: 400, code: 'invalid_request', error: 'Bad Request', message: 'Invalid password reset: password: at least 10 characters' }),
    );
    expect(await setAccountPassword(createDesktopAccountsTransport(refused.bridge), 'u-1', { password: 'short' })).toEqual({
      ok: false,
      failure: { kind: 'refused', status: 400, code: 'invalid_request', message: 'Invalid password reset: password: at least 10 characters' },
    });
  });

  it('tells offline apart from a refusal and from a refusal by the main process', async () => {
    expect(await listAccounts(createDesktopAccountsTransport(mainAnswering(() => ({ kind: 'unreachable' })).bridge))).toEqual({
      ok: false,
      failure: { kind: 'offline' },
    });
    const refused = createDesktopAccountsTransport(
      mainAnswering(() => json(409, { statusCode: 409, code: 'last_admin', error: 'Conflict', message: 'no' })).bridge,
    );
    expect(await changeAccount(refused, 'u-1', { role: 'technician' })).toEqual({
      ok: false,
      failure: { kind: 'refused', status: 409, code: 'last_admin', message: 'no' },
    });
    // A created account answers 201: a 200 would be some other route's answer.
    const wrongStatus = createDesktopAccountsTransport(mainAnswering(() => json(200, { user: tina })).bridge);
    expect(await createAccount(wrongStatus, { username: 'x', password: 'y', displayName: 'z', role: 'admin' })).toMatchObject({
      ok: false,
      failure: { kind: 'refused', status: 200 },
    });
    const badId = createDesktopAccountsTransport(mainAnswering(() => json(200, {})).bridge);
    expect(await changeAccount(badId, '../x', { active: true })).toMatchObject({ ok: false, failure: { kind: 'refused', code: 'console_error' } });
  });
});
