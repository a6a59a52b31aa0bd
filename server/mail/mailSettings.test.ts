import { describe, expect, it } from 'vitest';
import { describeSmtpUrl, mailSettingsOf, publicUrlOf } from './mailSettings';

describe('mail settings', () => {
  it('sends nothing without MEJA_SMTP_URL', () => {
    expect(mailSettingsOf({})).toBeNull();
    expect(() => mailSettingsOf({ MEJA_MAIL_FROM: 'help@desk.example' })).toThrow(/needs MEJA_SMTP_URL/);
  });

  it('reads the SMTP server, the From address and its domain, the language', () => {
    expect(mailSettingsOf({ MEJA_SMTP_URL: 'smtp://u:p@mail.example:587', MEJA_MAIL_FROM: 'Help Desk <help@Desk.Example>', MEJA_MAIL_LANGUAGE: 'id' })).toEqual(
      {
        smtpUrl: 'smtp://u:p@mail.example:587',
        from: 'Help Desk <help@Desk.Example>',
        domain: 'desk.example',
        language: 'id',
      },
    );
    expect(describeSmtpUrl('smtp://u:secret@mail.example:587')).toBe('smtp://u:***@mail.example:587');
  });

  it('stops start-up on a bad value, with its reason', () => {
    const from = { MEJA_MAIL_FROM: 'help@desk.example' };
    expect(() => mailSettingsOf({ ...from, MEJA_SMTP_URL: 'http://mail.example' })).toThrow(/smtp:\/\/ or smtps:\/\//);
    expect(() => mailSettingsOf({ MEJA_SMTP_URL: 'smtp://mail.example' })).toThrow(/needs MEJA_MAIL_FROM/);
    expect(() => mailSettingsOf({ MEJA_SMTP_URL: 'smtp://mail.example', MEJA_MAIL_FROM: 'nobody' })).toThrow(/MEJA_MAIL_FROM must be an address/);
    expect(() => mailSettingsOf({ ...from, MEJA_SMTP_URL: 'smtp://mail.example', MEJA_MAIL_LANGUAGE: 'fr' })).toThrow(/en or id/);
    expect(() => publicUrlOf({ MEJA_PUBLIC_URL: 'ftp://x' })).toThrow(/https:\/\//);
    expect(publicUrlOf({ MEJA_PUBLIC_URL: 'https://help.desk.example/' })).toBe('https://help.desk.example');
    expect(publicUrlOf({})).toBeNull();
  });
});
