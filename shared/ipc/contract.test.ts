import { describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, type RequestChannel, isEventChannel, isRequestChannel, parseRequestArgs, REQUEST_CHANNELS } from './contract';

describe('parseRequestArgs', () => {
  it('accepts a valid sign-in and trims the username', () => {
    const parsed = parseRequestArgs('session:signIn', { serverUrl: 'https://meja.example.co.id', username: ' sam ', password: 'pw' });
    expect(parsed).toEqual({ ok: true, args: { serverUrl: 'https://meja.example.co.id', username: 'sam', password: 'pw' } });
  });

  it('takes the consent to an unencrypted connection as an optional boolean, and nothing else', () => {
    const signIn = { serverUrl: 'http://meja.office.lan:4780', username: 'sam', password: 'pw' };
    expect(parseRequestArgs('session:signIn', { ...signIn, allowUnencrypted: true })).toEqual({ ok: true, args: { ...signIn, allowUnencrypted: true } });
    expect(parseRequestArgs('session:signIn', { ...signIn, allowUnencrypted: false })).toEqual({ ok: true, args: { ...signIn, allowUnencrypted: false } });
    expect(parseRequestArgs('session:signIn', signIn)).toEqual({ ok: true, args: signIn });
    for (const allowUnencrypted of ['yes', 1, null, {}]) {
      const parsed = parseRequestArgs('session:signIn', { ...signIn, allowUnencrypted });
      expect(parsed, String(allowUnencrypted)).toEqual({
        ok: false,
        error: { code: 'invalid_args', message: 'session:signIn: allowUnencrypted: must be true or false' },
      });
    }
    // A look-alike name is no consent: the schema is strict.
    expect(parseRequestArgs('session:signIn', { ...signIn, allowInsecure: true })).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
  });

  it('names the channel and every bad field', () => {
    const parsed = parseRequestArgs('session:signIn', { serverUrl: 'ftp://x', username: '  ', password: '' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.code).toBe('invalid_args');
    expect(parsed.error.message).toMatch(/^session:signIn: /);
    expect(parsed.error.message).toContain('serverUrl: must be an http(s) URL');
    expect(parsed.error.message).toContain('username: must not be blank');
    expect(parsed.error.message).toContain('password: must not be blank');
  });

  it('lets requests without args omit them but refuses extra fields', () => {
    expect(parseRequestArgs('session:get', undefined)).toEqual({ ok: true, args: undefined });
    expect(parseRequestArgs('sync:now', {})).toEqual({ ok: true, args: {} });
    const extra = parseRequestArgs('sync:now', { force: true });
    expect(extra.ok).toBe(false);
    if (!extra.ok) expect(extra.error.message).toMatch(/^sync:now: .*force/);
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'meja://ticket/ABCD-1234', 'not a url'])('refuses to open %s', (url) => {
    const parsed = parseRequestArgs('app:openExternal', { url });
    expect(parsed).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
  });

  it('opens http and https addresses', () => {
    expect(parseRequestArgs('app:openExternal', { url: 'http://intranet.local/kb/42' }).ok).toBe(true);
    expect(parseRequestArgs('app:openExternal', { url: 'https://example.com/' }).ok).toBe(true);
  });

  it.each([-1, 1.5, Number.NaN, '3', 2_000_000])('refuses a title badge of %s', (pending) => {
    expect(parseRequestArgs('window:setTitleBadge', { pending }).ok).toBe(false);
  });

  it('accepts a title badge count', () => {
    expect(parseRequestArgs('window:setTitleBadge', { pending: 0 })).toEqual({ ok: true, args: { pending: 0 } });
  });

  it('lets through the four account requests', () => {
    expect(parseRequestArgs('users:request', { action: 'list' })).toEqual({ ok: true, args: { action: 'list' } });
    const create = { action: 'create', body: { username: 'nadia', password: 'long-enough-pw', displayName: 'Nadia', role: 'technician', tier: 2 } };
    expect(parseRequestArgs('users:request', create)).toEqual({ ok: true, args: create });
    const change = { action: 'update', id: '0b6c6a1e-4f7e-4b5e-9a51-2f0e8c1d7a10', body: { role: 'supervisor', tier: null, active: false } };
    expect(parseRequestArgs('users:request', change)).toEqual({ ok: true, args: change });
    const setPassword = { action: 'setPassword', id: '0b6c6a1e-4f7e-4b5e-9a51-2f0e8c1d7a10', body: { password: 'a-new-password' } };
    expect(parseRequestArgs('users:request', setPassword)).toEqual({ ok: true, args: setPassword });
    // Too short for the server, which says so in its own words.
    expect(parseRequestArgs('users:request', { ...setPassword, body: { password: 'short' } }).ok).toBe(true);
  });

  it("leaves the server's own rules to the server, so its wording reaches the form", () => {
    const shortPassword = { action: 'create', body: { username: 'X!', password: 'short', displayName: '', role: 'admin' } };
    expect(parseRequestArgs('users:request', shortPassword).ok).toBe(true);
  });

  it.each([
    ['another action', { action: 'delete', id: 'abc' }],
    ['a list with a body', { action: 'list', body: {} }],
    ['a path in the id', { action: 'update', id: '../auth/login', body: { active: true } }],
    ['an encoded path in the id', { action: 'update', id: 'abc%2F..', body: {} }],
    ['a field the route does not take', { action: 'update', id: 'abc', body: { password: 'new-password-1' } }],
    ['an unknown role', { action: 'create', body: { username: 'x', password: 'y', displayName: 'z', role: 'root' } }],
    ['a tier out of range', { action: 'update', id: 'abc', body: { tier: 4 } }],
    ['a password set with a path in the id', { action: 'setPassword', id: '../auth/logout', body: { password: 'a-new-password' } }],
    ['a password set with another field', { action: 'setPassword', id: 'abc', body: { password: 'a-new-password', role: 'admin' } }],
    ['a password set without a password', { action: 'setPassword', id: 'abc', body: {} }],
    ['a password that is no string', { action: 'setPassword', id: 'abc', body: { password: 12345678901 } }],
    ['an over-long password', { action: 'setPassword', id: 'abc', body: { password: 'x'.repeat(1025) } }],
  ])('refuses %s on users:request', (_name, args) => {
    expect(parseRequestArgs('users:request', args)).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
  });

  it('refuses a channel outside the contract when a caller gets past the types', () => {
    // Over IPC the channel is just a string; the cast stands for a page that ignores the types.
    const parsed = parseRequestArgs('fs:readFile' as RequestChannel, {});
    expect(parsed).toEqual({ ok: false, error: { code: 'unknown_channel', message: 'unknown IPC channel "fs:readFile"' } });
  });
});

describe('channel guards', () => {
  it('know exactly the contract channels, prototype names included', () => {
    expect([...REQUEST_CHANNELS].sort()).toEqual(
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
    expect([...EVENT_CHANNELS].sort()).toEqual(['deepLink:openTicket', 'menu:command', 'notification:clicked', 'sync:status']);
    for (const channel of REQUEST_CHANNELS) expect(isRequestChannel(channel)).toBe(true);
    for (const channel of EVENT_CHANNELS) expect(isEventChannel(channel)).toBe(true);
    for (const bogus of ['constructor', 'toString', '__proto__', '', 'session:GET', 42, null]) {
      expect(isRequestChannel(bogus)).toBe(false);
      expect(isEventChannel(bogus)).toBe(false);
    }
  });
});
