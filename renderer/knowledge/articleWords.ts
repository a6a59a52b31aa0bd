import type { Article } from '../../shared/knowledge/article';
import { articleWordWeights } from '../../shared/knowledge/suggest';

// Splitting an article's text is the costly part of the suggestions' index: each version is split
// once for the whole session, so opening the form again, or a sync that changes one article,
// splits only what changed.
const cache = new Map<string, { version: number; words: ReadonlyMap<string, number> }>();

/** An article's word weights for the suggestions, from the cache when this version was split before. */
export const cachedWordWeights = (article: Article): ReadonlyMap<string, number> => {
  const held = cache.get(article.id);
  if (held !== undefined && held.version === article.version) return held.words;
  const words = articleWordWeights(article);
  cache.set(article.id, { version: article.version, words });
  return words;
};
