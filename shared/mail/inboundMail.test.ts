import { describe, expect, it } from 'vitest';
import { LIMITS } from '../domain/ticket';
import { mailBodyText, requesterFromSender, titleFromSubject } from './inboundMail';

describe('requesterFromSender', () => {
  it('takes the display name and the address, case-folded as contacts are compared', () => {
    expect(requesterFromSender('Ani Wijaya', ' Ani.Wijaya@Example.ID ')).toEqual({ name: 'Ani Wijaya', contact: 'ani.wijaya@example.id' });
  });

  it('names a sender without a display name by the address', () => {
    expect(requesterFromSender('', 'budi@example.id')).toEqual({ name: 'budi@example.id', contact: 'budi@example.id' });
    expect(requesterFromSender(null, 'budi@example.id')?.name).toBe('budi@example.id');
  });

  it('flattens line breaks in a name (a header injection) to one line', () => {
    expect(requesterFromSender('Ani\r\nBcc: all@example.id', 'ani@example.id')?.name).toBe('Ani Bcc: all@example.id');
  });

  it('refuses a sender without a usable address', () => {
    expect(requesterFromSender('Ani', null)).toBeNull();
    expect(requesterFromSender('Ani', 'not an address')).toBeNull();
    expect(requesterFromSender('Ani', `${'a'.repeat(LIMITS.contact)}@example.id`)).toBeNull();
  });

  it('cuts a very long name to the limit', () => {
    expect(requesterFromSender('N'.repeat(500), 'n@example.id')?.name).toHaveLength(LIMITS.name);
  });
});

describe('titleFromSubject', () => {
  it('drops reply prefixes and the code', () => {
    expect(titleFromSubject('Re: AW: Balas: [7K3M-Q9RT] Printer jams', 'x')).toBe('Printer jams');
  });

  it('falls back when the subject is empty or only a code', () => {
    expect(titleFromSubject(null, 'Mail from ani@example.id')).toBe('Mail from ani@example.id');
    expect(titleFromSubject(' Re: [7K3M-Q9RT] ', 'fallback')).toBe('fallback');
  });

  it('keeps one line within the title limit', () => {
    expect(titleFromSubject('VPN\r\n down', 'x')).toBe('VPN down');
    expect(titleFromSubject('x'.repeat(500), 'x')).toHaveLength(LIMITS.title);
  });
});

describe('mailBodyText', () => {
  it('drops the quoted earlier mail at the end of a reply', () => {
    const reply = 'Still broken, sorry.\r\n\r\nOn Tue, 8 Dec 2026, Meja <help@desk.example> wrote:\r\n> Your ticket was resolved.\r\n> Bye\r\n';
    expect(mailBodyText(reply, 1000)).toBe('Still broken, sorry.');
    expect(mailBodyText('Masih rusak.\nPada 8 Des 2026, Meja menulis:\n> Selesai.', 1000)).toBe('Masih rusak.');
  });

  it('keeps quotes in the middle, which the caller answers inline', () => {
    expect(mailBodyText('> Which printer?\nThe one on floor 2.', 1000)).toBe('> Which printer?\nThe one on floor 2.');
  });

  it('removes control characters and NUL', () => {
    expect(mailBodyText('a\u0000b\u0007c\td', 1000)).toBe('abc\td');
  });

  it('cuts a long text with a mark', () => {
    const cut = mailBodyText('x'.repeat(5000), 1000);
    expect(cut).toHaveLength(1000);
    expect(cut.endsWith('[…]')).toBe(true);
  });
});
