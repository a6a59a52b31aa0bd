import { describe, expect, it } from 'vitest';
import { defaultMailMaxBytes, isAcceptedRecipient, inboundMailSettingsOf } from './inboundSettings';

const MB = 1024 * 1024;

describe('inboundMailSettingsOf', () => {
  it('is off by default, with a limit that fits one encoded attachment', () => {
    expect(inboundMailSettingsOf({}, 25 * MB)).toEqual({ listen: null, domains: [], maxBytes: defaultMailMaxBytes(25 * MB) });
    expect(defaultMailMaxBytes(3 * MB)).toBe(5 * MB);
  });

  it('reads host:port, IPv6 in brackets, and the domains', () => {
    expect(inboundMailSettingsOf({ MEJA_MAIL_LISTEN: '127.0.0.1:2525', MEJA_MAIL_DOMAINS: 'Desk.Example, help.example.id' }, MB)).toMatchObject({
      listen: { host: '127.0.0.1', port: 2525 },
      domains: ['desk.example', 'help.example.id'],
    });
    expect(inboundMailSettingsOf({ MEJA_MAIL_LISTEN: '[::1]:25', MEJA_MAIL_DOMAINS: 'd.example' }, MB).listen).toEqual({ host: '::1', port: 25 });
    expect(inboundMailSettingsOf({ MEJA_MAIL_LISTEN: ':25', MEJA_MAIL_DOMAINS: 'd.example' }, MB).listen).toEqual({ host: '0.0.0.0', port: 25 });
    expect(inboundMailSettingsOf({ MEJA_MAIL_MAX_MB: '10' }, MB).maxBytes).toBe(10 * MB);
  });

  it('stops start-up on a bad value, with its reason', () => {
    expect(() => inboundMailSettingsOf({ MEJA_MAIL_LISTEN: '2525', MEJA_MAIL_DOMAINS: 'd.example' }, MB)).toThrow(/host:port/);
    expect(() => inboundMailSettingsOf({ MEJA_MAIL_LISTEN: 'x:70000', MEJA_MAIL_DOMAINS: 'd.example' }, MB)).toThrow(/host:port/);
    expect(() => inboundMailSettingsOf({ MEJA_MAIL_LISTEN: ':2525' }, MB)).toThrow(/MEJA_MAIL_DOMAINS/);
    expect(() => inboundMailSettingsOf({ MEJA_MAIL_DOMAINS: 'not a domain' }, MB)).toThrow(/not a domain/);
    expect(() => inboundMailSettingsOf({ MEJA_MAIL_MAX_MB: '0' }, MB)).toThrow(/MEJA_MAIL_MAX_MB/);
  });
});

describe('isAcceptedRecipient', () => {
  it('accepts the help domains only, in any case', () => {
    expect(isAcceptedRecipient('help+7K3M-Q9RT@Desk.Example', ['desk.example'])).toBe(true);
    expect(isAcceptedRecipient('someone@elsewhere.example', ['desk.example'])).toBe(false);
    expect(isAcceptedRecipient('desk.example', ['desk.example'])).toBe(false);
  });
});
