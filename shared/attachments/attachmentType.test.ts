import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ATTACHMENT_TYPES, isInlineImage, SNIFF_BYTES, sniffAttachmentType } from './attachmentType';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...new TextEncoder().encode(part)] : part)));

describe('sniffAttachmentType', () => {
  it.each([
    ['image/png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])],
    ['image/jpeg', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16])],
    ['image/gif', bytes('GIF89a', [1, 0, 1, 0])],
    ['image/webp', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ')],
    ['application/pdf', bytes('%PDF-1.7\n%\u00e2\u00e3')],
    ['application/zip', bytes([0x50, 0x4b, 0x03, 0x04, 20, 0])],
    ['application/gzip', bytes([0x1f, 0x8b, 0x08, 0])],
    ['text/plain; charset=utf-8', bytes('2026-12-07 09:12:01 ERROR Outlook: sync failed (0x800CCC0E)\r\n\tat mailbox\n')],
  ])('knows %s by its first bytes', (type, head) => {
    expect(sniffAttachmentType(head, true)).toEqual({ ok: true, contentType: type });
  });

  it('ignores the name a file claims: an HTML page is refused whatever it is called', () => {
    for (const page of [
      '<!DOCTYPE html><script>alert(1)</script>',
      '  \n<HTML>',
      '\uFEFF<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">',
      '<?xml version="1.0"?><svg/>',
      '<script>x</script>',
      '<!-- c -->',
      '<a href="x">',
    ])
      expect(sniffAttachmentType(bytes(page), true)).toMatchObject({ ok: false, reason: expect.stringMatching(/HTML, SVG and XML/) as string });
  });

  it('takes text that merely mentions a tag, or starts with a word like one, as text', () => {
    expect(sniffAttachmentType(bytes('<abc> is not a tag we know\n'), true)).toEqual({ ok: true, contentType: 'text/plain; charset=utf-8' });
    expect(sniffAttachmentType(bytes('Log: the user pasted <script> into the field\n'), true)).toEqual({ ok: true, contentType: 'text/plain; charset=utf-8' });
  });

  it('refuses empty files, binaries it does not know and text with control characters', () => {
    expect(sniffAttachmentType(new Uint8Array(), true)).toEqual({ ok: false, reason: 'The file is empty.' });
    expect(sniffAttachmentType(bytes('MZ', [0x90, 0, 3, 0]), true).ok).toBe(false);
    expect(sniffAttachmentType(bytes('line\u0000with NUL'), true).ok).toBe(false);
    expect(sniffAttachmentType(bytes([0xc3, 0x28]), true).ok).toBe(false);
  });

  it('accepts a text head cut in the middle of a character, but not a whole file that ends in one', () => {
    const head = bytes('a'.repeat(SNIFF_BYTES - 1), [0xe2, 0x82]);
    expect(sniffAttachmentType(head, false)).toEqual({ ok: true, contentType: 'text/plain; charset=utf-8' });
    expect(sniffAttachmentType(head, true).ok).toBe(false);
  });

  it('answers every input with an allowed type or a reason, never an exception', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.boolean(), (head, complete) => {
        const result = sniffAttachmentType(head, complete);
        if (result.ok) expect(ATTACHMENT_TYPES).toContain(result.contentType);
        else expect(result.reason.length).toBeGreaterThan(0);
      }),
    );
  });

  it('shows only images in place', () => {
    expect(ATTACHMENT_TYPES.filter(isInlineImage)).toEqual(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
  });
});
