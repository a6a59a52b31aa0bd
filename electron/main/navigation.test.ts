import { describe, expect, it } from 'vitest';
import { externalUrlToOpen, isAllowedNavigation, isPermissionGranted, originOf } from './navigation';

const app = 'http://127.0.0.1:4780';

describe('isAllowedNavigation', () => {
  it('allows pages on the app origin', () => {
    expect(isAllowedNavigation('http://127.0.0.1:4780/', app)).toBe(true);
    expect(isAllowedNavigation('http://127.0.0.1:4780/tickets/ABCD-1234?x=1#y', app)).toBe(true);
  });

  it.each([
    ['another port', 'http://127.0.0.1:4781/'],
    ['another scheme', 'https://127.0.0.1:4780/'],
    ['another host', 'http://localhost:4780/'],
    ['a look-alike host', 'http://127.0.0.1:4780.evil.example/'],
    ['credentials that hide the real host', 'http://127.0.0.1:4780@evil.example/'],
    ['javascript:', 'javascript:alert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['meja:', 'meja://ticket/ABCD-1234'],
    ['about:blank', 'about:blank'],
    ['a malformed URL', 'http://[::1'],
    ['an empty string', ''],
  ])('refuses %s', (_label, target) => {
    expect(isAllowedNavigation(target, app)).toBe(false);
  });

  it('refuses everything when the app origin itself is opaque or malformed', () => {
    expect(isAllowedNavigation('file:///a', 'file:///b')).toBe(false);
    expect(isAllowedNavigation('http://x/', 'not a url')).toBe(false);
  });
});

describe('originOf', () => {
  it('gives the app:// scheme the origin Chromium gives a standard scheme', () => {
    expect(originOf('app://console/ticket/ABCD-2345?x=1')).toBe('app://console');
    expect(originOf('app://CONSOLE/')).toBe('app://console');
  });

  it('keeps the web origins as they are', () => {
    expect(originOf('https://Example.com:443/a')).toBe('https://example.com');
    expect(originOf('http://127.0.0.1:4780/x')).toBe('http://127.0.0.1:4780');
  });

  it.each(['meja://ticket/ABCD-2345', 'data:text/html,hi', 'app:console', 'app:///console', 'app://console:8080/'])('leaves %s opaque', (url) => {
    expect(originOf(url)).toBe('null');
  });

  it('is null for what is not a URL', () => {
    expect(originOf('not a url')).toBeNull();
  });
});

describe('isAllowedNavigation on the app:// origin', () => {
  it('allows the console and its routes', () => {
    expect(isAllowedNavigation('app://console/', 'app://console')).toBe(true);
    expect(isAllowedNavigation('app://console/ticket/ABCD-2345', 'app://console')).toBe(true);
  });

  it.each(['app://console.evil/', 'app://other/', 'app://console@evil/', 'meja://console/', 'http://console/', 'app:///console'])('refuses %s', (target) => {
    expect(isAllowedNavigation(target, 'app://console')).toBe(false);
  });
});

describe('externalUrlToOpen', () => {
  it('passes plain http and https links through, normalised', () => {
    expect(externalUrlToOpen('https://support.example.com/kb/42')).toBe('https://support.example.com/kb/42');
    expect(externalUrlToOpen(' HTTP://Example.COM ')).toBe('http://example.com/');
  });

  it.each([
    ['javascript:', 'javascript:alert(1)'],
    ['file:', 'file:///C:/Windows/System32/calc.exe'],
    ['data:', 'data:text/html,hi'],
    ['meja:', 'meja://ticket/ABCD-1234'],
    ['smb:', 'smb://server/share'],
    ['user and password', 'http://user:pass@example.com/'],
    ['a user name only', 'https://google.com@evil.example/'],
    ['a malformed URL', 'https://'],
    ['an unclosed IPv6 host', 'http://[::1'],
    ['an empty string', ''],
  ])('refuses %s', (_label, url) => {
    expect(externalUrlToOpen(url)).toBeNull();
  });
});

describe('isPermissionGranted', () => {
  it('lets our own page write to the clipboard', () => {
    expect(isPermissionGranted('clipboard-sanitized-write', 'http://127.0.0.1:4780/', app)).toBe(true);
  });

  it.each(['clipboard-read', 'media', 'geolocation', 'notifications', 'fullscreen', 'openExternal', 'unknown'])(
    'refuses %s even to our own page',
    (permission) => {
      expect(isPermissionGranted(permission, 'http://127.0.0.1:4780/', app)).toBe(false);
    },
  );

  it('refuses the clipboard to any other origin', () => {
    expect(isPermissionGranted('clipboard-sanitized-write', 'https://evil.example/', app)).toBe(false);
    expect(isPermissionGranted('clipboard-sanitized-write', '', app)).toBe(false);
  });
});
