import { describe, expect, it } from 'vitest';
import { escapeHtml, renderMail, trackLink, type MailFacts } from './mailTemplates';

const facts = (over: Partial<MailFacts> = {}): MailFacts => ({
  kind: 'code',
  code: 'ABCD-EFGH',
  title: 'Printer offline',
  body: '',
  publicUrl: 'https://help.example.org/',
  ...over,
});

describe('mail templates', () => {
  it('mails the code with the tracking link, in English and Bahasa Indonesia', () => {
    const en = renderMail(facts(), 'en');
    expect(en.subject).toBe('[ABCD-EFGH] Printer offline');
    expect(en.text).toContain('Your ticket code is ABCD-EFGH.');
    expect(en.text).toContain('https://help.example.org/track?code=ABCD-EFGH');
    expect(en.html).toContain('href="https://help.example.org/track?code=ABCD-EFGH"');
    const id = renderMail(facts(), 'id');
    expect(id.text).toContain('Kode tiket Anda adalah ABCD-EFGH.');
    expect(id.html).toContain('<html lang="id">');
  });

  it('quotes a public note', () => {
    const mail = renderMail(facts({ kind: 'note', body: 'Please restart the printer.\nThen try again.' }), 'en');
    expect(mail.text).toContain('> Please restart the printer.\n> Then try again.');
    expect(mail.html).toContain('Please restart the printer.\nThen try again.</blockquote>');
  });

  it('asks "Is your problem solved?" with Yes and No links to /track', () => {
    const mail = renderMail(facts({ kind: 'resolution', body: 'Replaced the toner.' }), 'id');
    expect(mail.text).toContain('Apakah masalah Anda sudah teratasi?');
    expect(mail.text).toContain('https://help.example.org/track?code=ABCD-EFGH&answer=yes');
    expect(mail.text).toContain('https://help.example.org/track?code=ABCD-EFGH&answer=no');
    expect(mail.html).toContain('href="https://help.example.org/track?code=ABCD-EFGH&amp;answer=no"');
    expect(trackLink('http://x', 'A B')).toBe('http://x/track?code=A%20B');
  });

  it('keeps hostile text inert in the HTML and on one line in the subject', () => {
    const mail = renderMail(facts({ kind: 'note', title: '<script>alert(1)</script>\r\nBcc: all@x.org', body: '<img src=x onerror="alert(2)">' }), 'en');
    expect(mail.html).not.toMatch(/<script|<img/i);
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt;');
    expect(mail.subject).toBe('[ABCD-EFGH] <script>alert(1)</script> Bcc: all@x.org');
    expect(escapeHtml(`'&"`)).toBe('&#39;&amp;&quot;');
  });
});
