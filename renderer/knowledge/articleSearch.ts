import type { Article } from '../../shared/knowledge/article';

/**
 * The articles the Knowledge view lists: in `category` (all when null) and holding every word of
 * `query` in their title, category, tags or text, in any case; by title in the reader's language.
 */
export const findArticles = (articles: readonly Article[], query: string, category: string | null, locale: string): Article[] => {
  const words = query
    .toLocaleLowerCase(locale)
    .split(/\s+/)
    .filter((word) => word !== '');
  return articles
    .filter((article) => category === null || article.category === category)
    .filter((article) => {
      if (words.length === 0) return true;
      const haystack = [article.title, article.category, ...article.tags, article.body].join('\n').toLocaleLowerCase(locale);
      return words.every((word) => haystack.includes(word));
    })
    .sort((a, b) => a.title.localeCompare(b.title, locale) || a.id.localeCompare(b.id));
};

/** The categories the articles use, sorted, each once: the view's filter offers these. */
export const articleCategories = (articles: readonly Article[], locale: string): string[] =>
  [...new Set(articles.map((article) => article.category))].sort((a, b) => a.localeCompare(b, locale));

/** Tags as typed in the editor ("vpn, Remote work"), as a list for the rules to normalise. */
export const parseTags = (typed: string): string[] =>
  typed
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
