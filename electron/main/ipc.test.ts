import { describe, expect, it, vi } from 'vitest';
import type { RequestResult } from '../../shared/ipc/contract';
import { invokeEventFrom, makeFakeIpcMain, makeFakeWebContents } from '../testing/fakeElectron';
import { isTrustedSenderFor, registerIpcHandlers, type RequestHandlers } from './ipc';

const APP = 'https://meja.example.co.id';

const makeHandlers = () => {
  const calls: { channel: string; args: unknown }[] = [];
  const record =
    <R>(channel: string, result: R) =>
    (args: unknown): R => {
      calls.push({ channel, args });
      return result;
    };
  const handlers: RequestHandlers = {
    'app:info': record<RequestResult<'app:info'>>('app:info', {
      version: '0.1.0',
      platform: 'linux',
      serverUrl: 'http://127.0.0.1:4780',
      secretStorage: 'os',
      isUnencryptedAllowed: false,
    }),
    'session:get': record('session:get', null),
    'session:signIn': record<RequestResult<'session:signIn'>>('session:signIn', { signedIn: false, reason: 'invalid_credentials' }),
    'session:signOut': record('session:signOut', null),
    'sync:now': record('sync:now', null),
    'sync:status': () => {
      throw new Error('the sync engine is not running');
    },
    'app:openExternal': record('app:openExternal', null),
    'window:setTitleBadge': record('window:setTitleBadge', null),
    'sync:attach': record('sync:attach', null),
    'log:write': record('log:write', null),
    'stats:get': record<RequestResult<'stats:get'>>('stats:get', { kind: 'unreachable' }),
    'users:request': record<RequestResult<'users:request'>>('users:request', { kind: 'unreachable' }),
    'tickets:request': record<RequestResult<'tickets:request'>>('tickets:request', { kind: 'unreachable' }),
  };
  return { calls, handlers };
};

const setUp = () => {
  const ipcMain = makeFakeIpcMain();
  const { calls, handlers } = makeHandlers();
  const unregister = registerIpcHandlers(ipcMain, handlers, isTrustedSenderFor(APP));
  const page = makeFakeWebContents(`${APP}/tickets/AB12-CD34`);
  return { ipcMain, calls, unregister, page };
};

describe('registerIpcHandlers', () => {
  it('registers every contract channel and removes them all again', () => {
    const { ipcMain, unregister } = setUp();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(
      [
        'app:info',
        'app:openExternal',
        'log:write',
        'session:get',
        'session:signIn',
        'session:signOut',
        'stats:get',
        'sync:attach',
        'sync:now',
        'sync:status',
        'tickets:request',
        'users:request',
        'window:setTitleBadge',
      ].sort(),
    );
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('hands a valid call from the main frame to its handler with the parsed args', async () => {
    const { ipcMain, calls, page } = setUp();
    const response = await ipcMain.invokeFrom(invokeEventFrom(page, page.mainFrame), 'session:signIn', {
      serverUrl: 'https://meja.example.co.id',
      username: '  sam ',
      password: 'demo-password',
    });
    expect(response).toEqual({ ok: true, value: { signedIn: false, reason: 'invalid_credentials' } });
    expect(calls).toEqual([{ channel: 'session:signIn', args: { serverUrl: 'https://meja.example.co.id', username: 'sam', password: 'demo-password' } }]);
  });

  it('tells the handler which page asked, so an answer can go back to that window', async () => {
    const ipcMain = makeFakeIpcMain();
    const { handlers } = makeHandlers();
    const senders: unknown[] = [];
    const attach: RequestHandlers['sync:attach'] = (_args, { sender }) => {
      senders.push(sender);
      return null;
    };
    registerIpcHandlers(ipcMain, { ...handlers, 'sync:attach': attach }, isTrustedSenderFor(APP));
    const page = makeFakeWebContents(`${APP}/`);
    const other = makeFakeWebContents(`${APP}/`);
    expect(await ipcMain.invokeFrom(invokeEventFrom(page, page.mainFrame), 'sync:attach')).toEqual({ ok: true, value: null });
    expect(await ipcMain.invokeFrom(invokeEventFrom(other, other.mainFrame), 'sync:attach')).toEqual({ ok: true, value: null });
    expect(senders).toHaveLength(2);
    expect(senders[0]).toBe(page);
    expect(senders[1]).toBe(other);
  });

  it('refuses a page from another origin', async () => {
    const { ipcMain, calls } = setUp();
    const evil = makeFakeWebContents('https://meja.example.co.id.evil.test/');
    const response = await ipcMain.invokeFrom(invokeEventFrom(evil, evil.mainFrame), 'session:get');
    expect(response).toEqual({
      ok: false,
      error: { code: 'forbidden_sender', message: 'session:get: refused a call from https://meja.example.co.id.evil.test/' },
    });
    expect(calls).toEqual([]);
  });

  it('refuses another port or scheme on the same host', async () => {
    const { ipcMain, calls } = setUp();
    for (const url of ['https://meja.example.co.id:8443/', 'http://meja.example.co.id/']) {
      const other = makeFakeWebContents(url);
      expect(await ipcMain.invokeFrom(invokeEventFrom(other, other.mainFrame), 'sync:now')).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    }
    expect(calls).toEqual([]);
  });

  it('refuses a subframe, even one on the trusted origin', async () => {
    const { ipcMain, calls, page } = setUp();
    for (const url of [`${APP}/attachments/preview`, 'https://ads.example.com/']) {
      const response = await ipcMain.invokeFrom(invokeEventFrom(page, page.subframe(url)), 'app:openExternal', { url: 'https://example.com' });
      expect(response).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    }
    expect(calls).toEqual([]);
  });

  it('refuses a call whose frame is gone', async () => {
    const { ipcMain, calls, page } = setUp();
    const response = await ipcMain.invokeFrom(invokeEventFrom(page, null), 'session:signOut');
    expect(response).toEqual({ ok: false, error: { code: 'forbidden_sender', message: 'session:signOut: refused a call from a frame that is gone' } });
    expect(calls).toEqual([]);
  });

  it('trusts the app:// console by scheme and host, as Chromium does for a standard scheme', async () => {
    const ipcMain = makeFakeIpcMain();
    const { calls, handlers } = makeHandlers();
    registerIpcHandlers(ipcMain, handlers, isTrustedSenderFor('app://console'));
    const console = makeFakeWebContents('app://console/tickets/AB12-CD34');
    expect(await ipcMain.invokeFrom(invokeEventFrom(console, console.mainFrame), 'sync:now')).toEqual({ ok: true, value: null });
    for (const url of ['app://console.evil/', 'app://other/', 'evil://console/', 'app:console', 'app:///console']) {
      const other = makeFakeWebContents(url);
      expect(await ipcMain.invokeFrom(invokeEventFrom(other, other.mainFrame), 'sync:now')).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    }
    expect(calls).toEqual([{ channel: 'sync:now', args: undefined }]);
  });

  it('refuses a frame whose URL has no origin', async () => {
    const { ipcMain, calls } = setUp();
    for (const url of ['about:blank', 'data:text/html,hi', 'file:///tmp/x.html', 'not a url']) {
      const page = makeFakeWebContents(url);
      expect(await ipcMain.invokeFrom(invokeEventFrom(page, page.mainFrame), 'session:get')).toMatchObject({ ok: false });
    }
    expect(calls).toEqual([]);
  });

  it.each([
    ['app:openExternal', [{ url: 'file:///etc/passwd' }], /^app:openExternal: url: must be an http\(s\) URL/],
    ['app:openExternal', [], /^app:openExternal: /],
    ['window:setTitleBadge', [{ pending: -1 }], /^window:setTitleBadge: pending: must not be negative/],
    ['session:signIn', [{ serverUrl: APP, username: 'sam' }], /^session:signIn: password: /],
    ['session:get', [{ as: 'admin' }], /^session:get: /],
    ['sync:now', [{}, 'extra'], /^sync:now: expected one argument, got 2/],
  ])('refuses %s with invalid args %j', async (channel, args, message) => {
    const { ipcMain, calls, page } = setUp();
    const response = await ipcMain.invokeFrom(invokeEventFrom(page, page.mainFrame), channel, ...args);
    expect(response).toMatchObject({ ok: false, error: { code: 'invalid_args', message: expect.stringMatching(message) } });
    expect(calls).toEqual([]);
  });

  it('turns a handler failure into an error result naming the channel', async () => {
    const { ipcMain, page } = setUp();
    const response = await ipcMain.invokeFrom(invokeEventFrom(page, page.mainFrame), 'sync:status');
    expect(response).toEqual({ ok: false, error: { code: 'handler_failed', message: 'sync:status: the sync engine is not running' } });
  });

  it('checks the sender before the args', async () => {
    const ipcMain = makeFakeIpcMain();
    const { calls, handlers } = makeHandlers();
    const check = vi.fn(() => false);
    registerIpcHandlers(ipcMain, handlers, check);
    const page = makeFakeWebContents(APP);
    await ipcMain.invokeFrom(invokeEventFrom(page, page.mainFrame), 'window:setTitleBadge', { pending: 'not a number' });
    // The sender is checked before the args, so a hostile frame learns nothing about the schema.
    expect(check).toHaveBeenCalledTimes(1);
    expect(calls).toEqual([]);
  });
});
