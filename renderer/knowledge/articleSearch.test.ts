import { describe, expect, it } from 'vitest';
import type { Article } from '../../shared/knowledge/article';
import { articleCategories, findArticles, parseTags } from './articleSearch';

const article = (id: string, title: string, category: string, body = '', tags: string[] = []): Article => ({
  id,
  title,
  body,
  category,
  tags,
  visibility: 'internal',
  status: 'draft',
  version: 1,
  authorId: 'u',
  createdAt: '2026-03-02T10:00:00.000Z',
  updatedBy: 'u',
  updatedAt: '2026-03-02T10:00:00.000Z',
  publishedAt: null,
});

const vpn = article('a1', 'Connect to the VPN', 'network', 'Open the app', ['remote']);
const printer = article('a2', 'Printer jams', 'printing', 'Open tray 2');
const wifi = article('a3', 'Wi-Fi drops', 'network', 'Forget the network');

describe('findArticles', () => {
  it('keeps the articles holding every word, in any case, in the chosen category, by title', () => {
    expect(findArticles([wifi, printer, vpn], '', null, 'en').map((a) => a.id)).toEqual(['a1', 'a2', 'a3']);
    expect(findArticles([wifi, printer, vpn], 'OPEN', null, 'en').map((a) => a.id)).toEqual(['a1', 'a2']);
    expect(findArticles([wifi, printer, vpn], 'open tray', null, 'en').map((a) => a.id)).toEqual(['a2']);
    expect(findArticles([wifi, printer, vpn], 'remote', null, 'en').map((a) => a.id)).toEqual(['a1']);
    expect(findArticles([wifi, printer, vpn], '', 'network', 'en').map((a) => a.id)).toEqual(['a1', 'a3']);
    expect(findArticles([wifi, printer, vpn], 'open', 'network', 'en').map((a) => a.id)).toEqual(['a1']);
    expect(findArticles([wifi, printer, vpn], 'scanner', null, 'en')).toEqual([]);
  });
});

describe('articleCategories and parseTags', () => {
  it('lists each category once, sorted, and splits typed tags at commas', () => {
    expect(articleCategories([wifi, printer, vpn], 'en')).toEqual(['network', 'printing']);
    expect(parseTags(' vpn, Remote work ,, ')).toEqual(['vpn', 'Remote work']);
  });
});
