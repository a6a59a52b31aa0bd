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
   * Which of `capacity` slots hold `words` (lower case, none empty, no white space). A word whose
   * posting lists hold more than `limit` postings is left to the caller (`unindexed`): for a
   * word in nearly every haystack, reading the haystacks is cheaper. For each slot, `counts` says
   * how many of `indexed` it holds, counted in order and stopping at the first missing one: it
   * holds them all when its count is `indexed.length`. Exact for slots that are not stale.
   */
  candidates(words: readonly string[], capacity: number, limit: number): Candidates;
  /**
   * Joins the vocabulary into one flat string if words were added since (the engine does it on
   * the next search otherwise, a few milliseconds at 100k tickets); says whether there was any.
   */
  warm(): boolean;
  isStale(slot: number): boolean;
  /** Whether dead postings outnumber live ones enough to be worth a rebuild. */
  isWasteful(): boolean;
};

/**
 * `byCharacter` tests the one-character words of the query, exactly, from a bit per character
 * kept for every slot: such a word is in nearly every haystack, and a bit is cheaper than both
 * its postings and reading the haystack.
 */
export type Candidates = { counts: Uint8Array; indexed: readonly string[]; unindexed: readonly string[]; byCharacter: ((slot: number) => boolean) | null };

/** Characters with a bit of their own per slot: letters, digits and what codes and numbers hold. */
const CHARACTERS = 'abcdefghijklmnopqrstuvwxyz0123456789#-.@/:_';
const BIT_OF = new Map([...CHARACTERS].map((character, i) => [character, i]));

/** The characters of `haystack` that have bits, as two 32-bit masks. */
const characterMasks = (haystack: string): [number, number] => {
  let low = 0;
  let high = 0;
  for (const character of haystack) {
    const bit = BIT_OF.get(character);
    if (bit === undefined) continue;
    if (bit < 32) low |= 1 << bit;
    else high |= 1 << (bit - 32);
  }
  return [low, high];
};

/** The haystack split as the query is (see searchWords): maximal runs of non-white-space. */
export const haystackWords = (haystack: string): Set<string> => {
  const words = new Set(haystack.split(/\s+/));
  words.delete('');
  return words;
};

const grown = (masks: Int32Array<ArrayBuffer>, slot: number): Int32Array<ArrayBuffer> => {
  const larger = new Int32Array(Math.max(slot + 1, masks.length * 2));
  larger.set(masks);
  return larger;
};

/** Dead postings below this many are not worth a rebuild, however many there are by share. */
const MIN_WASTE = 200_000;

export const createSearchIndex = (minWaste = MIN_WASTE): SearchIndex => {
  const ids = new Map<string, number>();
  /** By word id: the slots holding the word; a lone slot as a number (most words), not a list of one. */
  const postings: Array<number | number[]> = [];
  /** Offset of each word's first character in `vocabulary`, ascending with the word's id. */
  const starts: number[] = [];
  let vocabulary = '\n';
  let livePostings = 0;
  let deadPostings = 0;
  let stale = new Uint8Array(1024);
  let lowCharacters = new Int32Array(1024);
  let highCharacters = new Int32Array(1024);
  let isFlat = true;

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

  /** The posting lists of every vocabulary word containing `word`; null past `limit` postings. */
  const listsOf = (word: string, limit: number): Array<number | number[]> | null => {
    const lists: Array<number | number[]> = [];
    let total = 0;
    for (let at = vocabulary.indexOf(word, 1); at !== -1;) {
      const list = postings[wordAt(at)] ?? [];
      total += typeof list === 'number' ? 1 : list.length;
      if (total > limit) return null;
      lists.push(list);
      // On past this vocabulary word: it counts once however often `word` occurs in it.
      at = vocabulary.indexOf(word, vocabulary.indexOf('\n', at) + 1);
    }
    return lists;
  };

  return {
    add: (slot, haystack) => {
      if (slot >= lowCharacters.length) {
        lowCharacters = grown(lowCharacters, slot);
        highCharacters = grown(highCharacters, slot);
      }
      [lowCharacters[slot], highCharacters[slot]] = characterMasks(haystack);
      for (const word of haystackWords(haystack)) {
        livePostings += 1;
        const id = ids.get(word);
        if (id !== undefined) {
          const list = postings[id] ?? [];
          if (typeof list === 'number') postings[id] = [list, slot];
          else list.push(slot);
          continue;
        }
        ids.set(word, postings.length);
        // Most words (codes, numbers, asset tags) belong to one ticket: kept as a number, no list.
        postings.push(slot);
        starts.push(vocabulary.length);
        vocabulary += `${word}\n`;
        isFlat = false;
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
    candidates: (words, capacity, limit) => {
      const counts = new Uint8Array(capacity);
      const indexed: string[] = [];
      const unindexed: string[] = [];
      let [low, high] = [0, 0];
      for (const word of words) {
        if (word.length === 1 && BIT_OF.has(word)) {
          const [wordLow, wordHigh] = characterMasks(word);
          [low, high] = [low | wordLow, high | wordHigh];
          continue;
        }
        const lists = indexed.length < 255 ? listsOf(word, limit) : null;
        if (lists === null) {
          unindexed.push(word);
          continue;
        }
        // A slot counts the word once, whichever and however many of its words contain it.
        const before = indexed.length;
        for (const list of lists) {
          if (typeof list === 'number') {
            if (counts[list] === before) counts[list] = before + 1;
          } else for (const slot of list) if (counts[slot] === before) counts[slot] = before + 1;
        }
        indexed.push(word);
      }
      const [lowNow, highNow] = [lowCharacters, highCharacters];
      const byCharacter = low === 0 && high === 0 ? null : (slot: number) => ((lowNow[slot] ?? 0) & low) === low && ((highNow[slot] ?? 0) & high) === high;
      return { counts, indexed, unindexed, byCharacter };
    },
    warm: () => {
      if (isFlat) return false;
      // Any search flattens the string; this one finds nothing and leaves it flat for the next.
      vocabulary.indexOf('\u0000');
      isFlat = true;
      return true;
    },
    isStale: (slot) => stale[slot] === 1,
    isWasteful: () => deadPostings > minWaste && deadPostings > livePostings,
  };
};
