import { describe, expect, it } from 'vitest';
import { isLoopbackHost, isSafeTransport, transportOf } from './transportSecurity';

const transport = (value: string) => transportOf(new URL(value));

describe('transportOf', () => {
  it('calls https encrypted wherever it goes', () => {
    for (const value of ['https://meja.example.com', 'https://10.0.0.5:4780/desk', 'https://127.0.0.1', 'HTTPS://MEJA.EXAMPLE.COM']) {
      expect(transport(value), value).toBe('encrypted');
    }
  });

  it('calls plain http to this machine loopback: all of 127/8, ::1 and localhost, however they are written', () => {
    for (const value of [
      'http://127.0.0.1:4780',
      'http://127.255.0.9/',
      'http://localhost',
      'http://LOCALHOST:80/x',
      'http://[::1]:4780',
      'http://[0:0:0:0:0:0:0:1]/',
      // WHATWG URL parsing turns these spellings into 127.0.0.1.
      'http://127.1/',
      'http://2130706433/',
      'http://0x7f.0.0.1/',
    ]) {
      expect(transport(value), value).toBe('loopback');
    }
  });

  it('calls plain http to any other machine unencrypted, lookalikes of loopback included', () => {
    for (const value of [
      'http://meja.example.com',
      'http://10.0.0.5:4780',
      'http://192.168.1.20/',
      'http://128.0.0.1/',
      'http://126.255.255.255/',
      'http://localhost.example.com/',
      'http://127.0.0.1.nip.io/',
      'http://[::2]/',
      'http://[::ffff:127.0.0.1]/',
      'http://0.0.0.0:4780/',
    ]) {
      expect(transport(value), value).toBe('unencrypted');
    }
  });

  it('calls other schemes unsupported', () => {
    for (const value of ['ftp://127.0.0.1/', 'file:///tmp/x', 'ws://localhost/', 'javascript:alert(1)']) {
      expect(transport(value), value).toBe('unsupported');
    }
  });

  it('lets a secret go over https anywhere and over http to this machine only', () => {
    expect(isSafeTransport(new URL('https://meja.example.com'))).toBe(true);
    expect(isSafeTransport(new URL('http://127.0.0.1:4780'))).toBe(true);
    expect(isSafeTransport(new URL('http://meja.example.com'))).toBe(false);
    expect(isSafeTransport(new URL('ftp://127.0.0.1'))).toBe(false);
  });

  it('reads the host name as WHATWG URL writes it', () => {
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    // Unbracketed or unnormalised forms never come out of URL, so they are not taken as loopback.
    expect(isLoopbackHost('::1')).toBe(false);
    expect(isLoopbackHost('127.0.0')).toBe(false);
    expect(isLoopbackHost('')).toBe(false);
  });
});
