import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanFileName, contentDisposition, MAX_FILE_NAME } from './fileName';

describe('cleanFileName', () => {
  it('decodes percent-encoded UTF-8 and keeps only the last path part', () => {
    expect(cleanFileName(encodeURIComponent('Layar biru – laptop.png'))).toBe('Layar biru – laptop.png');
    expect(cleanFileName('C:%5CUsers%5Cann%5Cerror.log')).toBe('error.log');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('100%.txt')).toBe('100%.txt');
  });

  it('refuses names with nothing left', () => {
    for (const header of [undefined, '', '   ', '%00%1f', 'folder/', '..', '.']) expect(cleanFileName(header)).toBeNull();
  });

  it('cuts long names to the limit, keeping a short extension', () => {
    const long = `${'x'.repeat(300)}.pdf`;
    expect(cleanFileName(long)).toBe(`${'x'.repeat(MAX_FILE_NAME - 4)}.pdf`);
  });

  it('never returns control characters, slashes or more than the limit', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (header) => {
        const name = cleanFileName(header);
        if (name === null) return;
        // eslint-disable-next-line no-control-regex -- checking that none are left
        expect(name).not.toMatch(/[\u0000-\u001f\u007f/\\]/);
        expect(name.length).toBeLessThanOrEqual(MAX_FILE_NAME);
      }),
    );
  });
});

describe('contentDisposition', () => {
  it('names the file in ASCII and exactly in UTF-8', () => {
    expect(contentDisposition('attachment', 'laporan "akhir" é.pdf')).toBe(
      `attachment; filename="laporan _akhir_ _.pdf"; filename*=UTF-8''laporan%20%22akhir%22%20%C3%A9.pdf`,
    );
  });
});
