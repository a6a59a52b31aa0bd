import { describe, expect, it } from 'vitest';
import type { Article } from './article';
import { indexArticles, suggestArticles, suggestionWords } from './suggest';

let counter = 0;
const article = (fields: Partial<Article>): Article => {
  counter += 1;
  return {
    id: fields.id ?? `a${String(counter).padStart(3, '0')}`,
    title: 'Untitled',
    body: '',
    category: 'other',
    tags: [],
    visibility: 'internal',
    status: 'published',
    version: 1,
    authorId: 'u1',
    createdAt: '2026-11-01T08:00:00.000Z',
    updatedBy: 'u1',
    updatedAt: '2026-11-01T08:00:00.000Z',
    publishedAt: '2026-11-01T08:00:00.000Z',
    ...fields,
  };
};

const titles = (articles: readonly Article[], form: { title: string; description?: string }, limit?: number): string[] =>
  suggestArticles(indexArticles(articles), { title: form.title, description: form.description ?? '' }, limit).map((found) => found.title);

describe('suggestionWords', () => {
  it('splits into lower-cased runs of letters and digits in any script, drops one-letter and function words, keeps each once', () => {
    expect(suggestionWords('The VPN is NOT connecting, vpn!')).toEqual(['vpn', 'connecting']);
    expect(suggestionWords('Printer di lantai 3 tidak bisa mencetak')).toEqual(['printer', 'lantai', 'mencetak']);
    expect(suggestionWords('Überprüfen: Wi-Fi 5GHz x')).toEqual(['überprüfen', 'wi', 'fi', '5ghz']);
    expect(suggestionWords('   ')).toEqual([]);
  });
});

describe('suggestArticles', () => {
  it('offers nothing for an empty form, or one of only function words', () => {
    const articles = [article({ title: 'The printer' })];
    expect(titles(articles, { title: '' })).toEqual([]);
    expect(titles(articles, { title: 'the and of', description: 'yang di' })).toEqual([]);
  });

  it('weighs a word in the title (4) over a tag (3) over the category (2) over the text (1)', () => {
    // Each article holds "outlook" in one place only; the arithmetic is the weight alone.
    const articles = [
      article({ title: 'Mail body', body: 'Restart outlook first.' }),
      article({ title: 'Mail category', category: 'outlook' }),
      article({ title: 'Mail tag', tags: ['outlook'] }),
      article({ title: 'Outlook title' }),
    ];
    expect(titles(articles, { title: 'outlook' }, 4)).toEqual(['Outlook title', 'Mail tag', 'Mail category', 'Mail body']);
  });

  it('adds the weights of the words an article matches: two words in the text (1 + 1) beat none, one in a tag (3) beats both', () => {
    const articles = [
      article({ title: 'Two in text', body: 'The laptop shows a black screen.' }),
      article({ title: 'Tag only', tags: ['laptop'] }),
      article({ title: 'Nothing', body: 'Printers and paper.' }),
    ];
    // "Tag only": laptop in a tag = 3. "Two in text": laptop 1 + screen 1 = 2. "Nothing": 0, not offered.
    expect(titles(articles, { title: 'Laptop', description: 'screen' })).toEqual(['Tag only', 'Two in text']);
  });

  it('counts a word once, at its best place, and splits tags and categories into words', () => {
    const articles = [article({ title: 'VPN setup', body: 'vpn vpn vpn', tags: ['vpn'] }), article({ title: 'Home office', tags: ['remote-work'] })];
    // "VPN setup": vpn in the title = 4, not 4 + 3 + 1. "Home office": remote in a tag = 3.
    expect(titles(articles, { title: 'vpn' })).toEqual(['VPN setup']);
    expect(titles(articles, { title: 'remote access' })).toEqual(['Home office']);
  });

  it('breaks ties by more words matched, then the most recently changed, then the id', () => {
    const articles = [
      // Score 4: one word in the title.
      article({ id: 'z', title: 'Scanner', updatedAt: '2026-11-01T08:00:00.000Z' }),
      // Score 4 too: "scanner" 1 + "jammed" 1 (text) + "office" 2 (category), but three words: first.
      article({ id: 'y', title: 'Paper', body: 'The scanner is jammed.', category: 'office', updatedAt: '2026-10-01T08:00:00.000Z' }),
      // Score 4, one word, changed later than "Scanner".
      article({ id: 'x', title: 'Scanner drivers', updatedAt: '2026-11-02T08:00:00.000Z' }),
      // Score 4, one word, same time as "Scanner", smaller id.
      article({ id: 'a', title: 'Scanner cable', updatedAt: '2026-11-01T08:00:00.000Z' }),
    ];
    expect(titles(articles, { title: 'scanner jammed', description: 'office' }, 4)).toEqual(['Paper', 'Scanner drivers', 'Scanner cable', 'Scanner']);
  });

  it('offers published articles only, internal and public alike, at most three by default', () => {
    const articles = [
      article({ title: 'Wifi one', status: 'draft' }),
      article({ title: 'Wifi two', visibility: 'public' }),
      article({ title: 'Wifi three' }),
      article({ title: 'Wifi four' }),
      article({ title: 'Wifi five' }),
    ];
    const found = titles(articles, { title: 'wifi' });
    expect(found).toHaveLength(3);
    expect(found).not.toContain('Wifi one');
    expect(titles(articles, { title: 'wifi' }, 10).sort()).toEqual(['Wifi five', 'Wifi four', 'Wifi three', 'Wifi two']);
  });

  it('keeps the best few in the same order as sorting every scored article would', () => {
    const words = ['printer', 'vpn', 'mail', 'laptop', 'screen', 'password', 'wifi', 'teams'];
    const articles = Array.from({ length: 300 }, (_, i) =>
      article({
        id: `p${String(i).padStart(3, '0')}`,
        title: words[i % 8] ?? '',
        tags: [words[(i * 3) % 8] ?? ''],
        category: words[(i * 5) % 8] ?? '',
        body: `${words[(i * 7) % 8] ?? ''} ${words[(i + 1) % 8] ?? ''}`,
        updatedAt: new Date(Date.UTC(2026, 0, 1) + (i % 17) * 86_400_000).toISOString(),
      }),
    );
    const index = indexArticles(articles);
    const form = { title: 'printer vpn', description: 'screen wifi' };
    const all = suggestArticles(index, form, articles.length);
    for (const limit of [1, 3, 10]) expect(suggestArticles(index, form, limit)).toEqual(all.slice(0, limit));
  });
});
