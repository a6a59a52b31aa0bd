import { describe, expect, it } from 'vitest';
import { headerSafe, isMailAddress, mailDomainOf, mailSubject, mejaHeaders, messageIdFor } from './mailHeaders';

describe('mail headers', () => {
  it('puts the code in square brackets before the title', () => {
    expect(mailSubject('ABCD-EFGH', 'Printer offline')).toBe('[ABCD-EFGH] Printer offline');
    expect(mailSubject('ABCD-EFGH', '   ')).toBe('[ABCD-EFGH]');
  });

  it('keeps a title from starting a header of its own (CR, LF, other controls)', () => {
    const hostile = 'Printer\r\nBcc: everyone@example.org\r\n\r\n<b>body</b>';
    const subject = mailSubject('ABCD-EFGH', hostile);
    expect(subject).toBe('[ABCD-EFGH] Printer Bcc: everyone@example.org <b>body</b>');
    expect(subject).not.toMatch(/[\r\n]/);
    expect(headerSafe('a\u0000b\tc\u2028d\u0085e')).toBe('a b c d e');
    expect(mejaHeaders('AB\r\nCD')['X-Meja-Ticket']).toBe('AB CD');
  });

  it('makes Message-IDs Meja recognises as its own', () => {
    expect(messageIdFor('k2j4', 'desk.example')).toBe('<meja.k2j4@desk.example>');
    expect(mailDomainOf('Help Desk <help@Desk.Example>')).toBe('desk.example');
    expect(mailDomainOf('help@desk.example')).toBe('desk.example');
    expect(mailDomainOf('nobody')).toBeNull();
    expect(mejaHeaders('ABCD-EFGH')['Auto-Submitted']).toBe('auto-generated');
  });

  it('mails contacts that are one address, not phone numbers or lists', () => {
    expect(isMailAddress('ana.putri@example.co.id')).toBe(true);
    expect(isMailAddress(' ana@example.org ')).toBe(true);
    for (const contact of [null, '+62 21 555 0100', 'ana@localhost', 'a@b.c, d@e.f', 'Ana <ana@example.org>', 'ana@example.org\r\nBcc: x@y.z'])
      expect(isMailAddress(contact), String(contact)).toBe(false);
  });
});
