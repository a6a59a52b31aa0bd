import { describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, type RequestChannel, isEventChannel, isRequestChannel, parseRequestArgs, REQUEST_CHANNELS } from './contract';

describe('parseRequestArgs', () => {
  it('accepts a valid sign-in and trims the username', () => {
    const parsed = parseRequestArgs('session:signIn', { serverUrl: 'https://meja.example.co.id', username: ' sam ', password: 'pw' });
    expect(parsed).toEqual({ ok: true, args: { serverUrl: 'https://meja.example.co.id', username: 'sam', password: 'pw' } });
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

  it('refuses a channel outside the contract when a caller gets past the types', () => {
    // Over IPC the channel is just a string; the cast stands for a page that ignores the types.
    const parsed = parseRequestArgs('fs:readFile' as RequestChannel, {});
    expect(parsed).toEqual({ ok: false, error: { code: 'unknown_channel', message: 'unknown IPC channel "fs:readFile"' } });
  });
});

describe('channel guards', () => {
  it('know exactly the contract channels, prototype names included', () => {
    expect([...REQUEST_CHANNELS].sort()).toEqual(
      ['app:info', 'app:openExternal', 'log:write', 'session:get', 'session:signIn', 'session:signOut', 'stats:get', 'sync:attach', 'sync:now', 'sync:status', 'window:setTitleBadge'].sort(),
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
