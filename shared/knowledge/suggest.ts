import type { Article } from './article';

/**
 * Which published articles to offer beside a new ticket or a call while the technician types:
 * local, over the console's cached articles, so offline too.
 *
 * The rule:
 * - The form's title and description are split into words: runs of letters and digits (any
 *   script), lower-cased; words of one character and a short list of English and Indonesian
 *   function words ("the", "yang", ...) do not count, and each word counts once.
 * - An article scores, for each such word, the weight of the best place the word is in: its title 4,
 *   a tag 3, its category 2, its text 1 (a word is "in" a place when it is one of that place's
 *   words, split the same way; tags and the category are split too, so "remote-work" holds "remote").
 * - Only published articles with a score above 0 are offered: the highest score first, then the
 *   one matching more of the words, then the most recently changed, then by id; at most `limit`
 *   (3 beside the form).
 * - No words (an empty form, or only function words): no suggestions.
 *
 * `indexArticles` takes every article's words (split once per version by the console); a keystroke
 * then reads, for each word typed, the list of the articles holding it, made on the word's first
 * lookup.
 */

export const SUGGESTION_WEIGHTS = { title: 4, tags: 3, category: 2, body: 1 } as const;
export const SUGGESTIONS_SHOWN = 3;

// English, then Bahasa Indonesia.
const STOP_WORDS = new Set(
  [
    'a an and are as at be but by can cannot do does for from has have he her his i in is it its my no not of on or our she so that the',
    'their them they this to was we when with you your',
    'ada akan atau bisa dan dari dengan di ini itu juga ke kami saya sudah tidak untuk yang',
  ]
    .join(' ')
    .split(' '),
);

const NOT_WORD = /[^\p{L}\p{N}]+/u;

/** The words of a text as the rule counts them (see above), each once. */
export const suggestionWords = (text: string): string[] => {
  const words = new Set<string>();
  for (const word of text.toLowerCase().split(NOT_WORD)) if (word.length > 1 && !STOP_WORDS.has(word)) words.add(word);
  return [...words];
};

/**
 * The published articles with their words, and for each word looked up so far the articles holding
 * it with its weight there. The lists are filled as words are typed (one pass over the articles per
 * new word, then reused), so building the index costs nothing beyond each article's words.
 */
export type SuggestionIndex = {
  readonly articles: readonly Article[];
  readonly words: ReadonlyArray<ReadonlyMap<string, number>>;
  /** A cache of lookups, which never changes an answer. */
  readonly postings: Map<string, { ids: number[]; weights: number[] }>;
};

/** Each word of an article with the weight of its best place in it. */
export const articleWordWeights = (article: Article): Map<string, number> => {
  const weights = new Map<string, number>();
  const add = (text: string, weight: number) => {
    for (const word of suggestionWords(text)) if ((weights.get(word) ?? 0) < weight) weights.set(word, weight);
  };
  add(article.body, SUGGESTION_WEIGHTS.body);
  add(article.category, SUGGESTION_WEIGHTS.category);
  add(article.tags.join(' '), SUGGESTION_WEIGHTS.tags);
  add(article.title, SUGGESTION_WEIGHTS.title);
  return weights;
};

/** `wordsOf` gives an article's word weights: `articleWordWeights`, or a cache of it (the console keeps one per article version). */
export const indexArticles = (
  articles: readonly Article[],
  wordsOf: (article: Article) => ReadonlyMap<string, number> = articleWordWeights,
): SuggestionIndex => {
  const published = articles.filter((article) => article.status === 'published');
  return { articles: published, words: published.map(wordsOf), postings: new Map() };
};

const postingsOf = (index: SuggestionIndex, word: string): { ids: number[]; weights: number[] } => {
  const known = index.postings.get(word);
  if (known !== undefined) return known;
  const list: { ids: number[]; weights: number[] } = { ids: [], weights: [] };
  index.words.forEach((words, position) => {
    const weight = words.get(word);
    if (weight !== undefined) {
      list.ids.push(position);
      list.weights.push(weight);
    }
  });
  index.postings.set(word, list);
  return list;
};

type Scored = { article: Article; score: number; matched: number };

const isBefore = (a: Scored, b: Scored): boolean =>
  a.score !== b.score
    ? a.score > b.score
    : a.matched !== b.matched
      ? a.matched > b.matched
      : a.article.updatedAt !== b.article.updatedAt
        ? a.article.updatedAt > b.article.updatedAt
        : a.article.id < b.article.id;

/** The best `limit` published articles for what the form holds, best first; none for no words. */
export const suggestArticles = (index: SuggestionIndex, form: { title: string; description: string }, limit = SUGGESTIONS_SHOWN): Article[] => {
  const words = suggestionWords(`${form.title} ${form.description}`);
  if (words.length === 0 || limit <= 0) return [];
  const scores = new Uint16Array(index.articles.length);
  const matched = new Uint16Array(index.articles.length);
  const touched: number[] = [];
  for (const word of words) {
    const list = postingsOf(index, word);
    for (let i = 0; i < list.ids.length; i += 1) {
      const position = list.ids[i] ?? 0;
      if (matched[position] === 0) touched.push(position);
      scores[position] = (scores[position] ?? 0) + (list.weights[i] ?? 0);
      matched[position] = (matched[position] ?? 0) + 1;
    }
  }
  // Only the best few are kept, in order, so a keystroke never sorts every matching article.
  const best: Scored[] = [];
  for (const position of touched) {
    const article = index.articles[position];
    if (article === undefined) continue;
    const scored = { article, score: scores[position] ?? 0, matched: matched[position] ?? 0 };
    if (best.length === limit && !isBefore(scored, best[best.length - 1] ?? scored)) continue;
    let at = best.length;
    while (at > 0 && isBefore(scored, best[at - 1] ?? scored)) at -= 1;
    best.splice(at, 0, scored);
    if (best.length > limit) best.pop();
  }
  return best.map((scored) => scored.article);
};
