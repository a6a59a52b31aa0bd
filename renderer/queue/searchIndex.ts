/**
 * An inverted index from the words of the queue's search haystacks to the slots of the entries
 * holding them, so a search finds its few candidates without reading 100,000 haystacks.
 *
 * Why words are enough for substring search: a query word has no white space (the query is split
 * on it), so wherever it occurs in a haystack it lies inside one white-space-delimited word of the
 * haystack. The haystacks containing `q` are exactly those holding a word that contains `q`. The
 * vocabulary is kept as one string, "\nword\nword\n…", so finding every word containing `q` is a
 * native indexOf over a few megabytes, not a loop over words.
 *
 * Postings are only appended. A slot whose entry changed or went keeps its old postings until the
 * index is rebuilt, and is marked stale: its candidacy may be false, so the caller tests such a
 * slot's haystack itself. Every other slot's candidacy is exact. Invariant: every slot in use is
 * in the postings of each distinct word of its entry's current haystack, and a slot with postings
 * of any other haystack is stale.
 */
export type SearchIndex = {
  add(slot: number, haystack: string): void;
  /** The slot's haystack is no longer its own (replaced or removed): its postings are now waste. */
  retire(slot: number, haystack: string): void;
  /**
   * For each of `capacity` slots, how many of `words` (lower case, none empty, no white space)
   * its haystack contains, counted in order and stopping at the first missing one: a slot holds
   * them all when its count is `words.length`. Exact for slots that are not stale. Null for more
   * than 255 words.
   */
  candidates(words: readonly string[], capacity: number): Uint8Array | null;
  isStale(slot: number): boolean;
  /** Whether dead postings outnumber live ones enough to be worth a rebuild. */
  isWasteful(): boolean;
};

/** The haystack split as the query is (see searchWords): maximal runs of non-white-space. */
export const haystackWords = (haystack: string): Set<string> => {
  const words = new Set(haystack.split(/\s+/));
  words.delete('');
  return words;
};

/** Dead postings below this many are not worth a rebuild, however many there are by share. */
const MIN_WASTE = 200_000;

export const createSearchIndex = (minWaste = MIN_WASTE): SearchIndex => {
  const ids = new Map<string, number>();
  const postings: number[][] = [];
  /** Offset of each word's first character in `vocabulary`, ascending with the word's id. */
  const starts: number[] = [];
  let vocabulary = '\n';
  let livePostings = 0;
  let deadPostings = 0;
  let stale = new Uint8Array(1024);

  const wordAt = (offset: number): number => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  };

  return {
    add: (slot, haystack) => {
      for (const word of haystackWords(haystack)) {
        let id = ids.get(word);
        if (id === undefined) {
          id = postings.length;
          ids.set(word, id);
          postings.push([]);
          starts.push(vocabulary.length);
          vocabulary += `${word}\n`;
        }
        postings[id]?.push(slot);
        livePostings += 1;
      }
    },
    retire: (slot, haystack) => {
      const count = haystackWords(haystack).size;
      livePostings -= count;
      deadPostings += count;
      if (slot >= stale.length) {
        const larger = new Uint8Array(Math.max(slot + 1, stale.length * 2));
        larger.set(stale);
        stale = larger;
      }
      stale[slot] = 1;
    },
    candidates: (words, capacity) => {
      if (words.length > 255) return null;
      const counts = new Uint8Array(capacity);
      words.forEach((word, i) => {
        for (let at = vocabulary.indexOf(word, 1); at !== -1; ) {
          // A slot counts the word once, whichever and however many of its words contain it.
          for (const slot of postings[wordAt(at)] ?? []) if (counts[slot] === i) counts[slot] = i + 1;
          // On past this vocabulary word: it counts once however often `word` occurs in it.
          at = vocabulary.indexOf(word, vocabulary.indexOf('\n', at) + 1);
        }
      });
      return counts;
    },
    isStale: (slot) => stale[slot] === 1,
    isWasteful: () => deadPostings > minWaste && deadPostings > livePostings,
  };
};
