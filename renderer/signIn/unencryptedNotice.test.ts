import { describe, expect, it } from 'vitest';
import { unencryptedNoticeFor } from './unencryptedNotice';

describe('unencryptedNoticeFor', () => {
  it('says nothing in the web console, for https and for this machine', () => {
    expect(unencryptedNoticeFor(null)).toBe('none');
    for (const serverUrl of ['https://meja.example.co.id', 'http://127.0.0.1:4780', 'http://localhost:4780', 'http://[::1]:4780', 'not a url']) {
      expect(unencryptedNoticeFor({ serverUrl, isUnencryptedAllowed: false }), serverUrl).toBe('none');
    }
  });

  it('asks for plain http to another machine until it was allowed there', () => {
    expect(unencryptedNoticeFor({ serverUrl: 'http://meja.office.lan:4780', isUnencryptedAllowed: false })).toBe('ask');
    expect(unencryptedNoticeFor({ serverUrl: 'http://10.0.0.5', isUnencryptedAllowed: false })).toBe('ask');
    expect(unencryptedNoticeFor({ serverUrl: 'http://meja.office.lan:4780', isUnencryptedAllowed: true })).toBe('allowed');
  });
});
