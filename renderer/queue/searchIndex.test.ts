import { describe, expect, it } from 'vitest';
import { createSearchIndex, haystackWords, type Candidates } from './searchIndex';

const holdsAll = ({ counts, indexed }: Candidates) => [...counts.keys()].filter((slot) => counts[slot] === indexed.length);

describe('search index', () => {
  it('splits a haystack as the query is split', () => {
    expect([...haystackWords('  wi-fi\tdrops\nwi-fi  #12 ')]).toEqual(['wi-fi', 'drops', '#12']);
  });

  it('finds a word inside any word of a haystack, every query word, once per slot', () => {
    const index = createSearchIndex();
    index.add(0, 'abcd-efgh\nprinter jams on floor 3');
    index.add(1, 'wxyz-0000\nvpn drops every hour on wi-fi');
    index.add(2, 'printer printer printer vpn');
    const find = (...words: string[]) => holdsAll(index.candidates(words, 3, 100));
    expect(find('print')).toEqual([0, 2]);
    expect(find('cd-ef')).toEqual([0]);
    expect(find('i-f')).toEqual([1]);
    expect(find('on', 'vpn')).toEqual([1]);
    expect(find('vpn', 'printer')).toEqual([2]);
    expect(find('er', 'er')).toEqual([0, 1, 2]);
    expect(find('zzz')).toEqual([]);
  });

  it('marks a replaced slot stale and rebuilds once most postings are dead', () => {
    const index = createSearchIndex(2);
    index.add(0, 'printer');
    index.add(1, 'vpn');
    expect(index.isStale(0)).toBe(false);
    index.retire(0, 'printer');
    index.add(0, 'monitor');
    expect(index.isStale(0)).toBe(true);
    // The old posting still names slot 0: a candidate the caller must check, because it is stale.
    expect(holdsAll(index.candidates(['printer'], 2, 100))).toEqual([0]);
    expect(index.isWasteful()).toBe(false);
    index.retire(1, 'vpn one two three');
    expect(index.isWasteful()).toBe(true);
  });
});

it('leaves a word with more postings than the limit to the caller', () => {
  const index = createSearchIndex();
  ['printer', 'print', 'paper', 'vpner'].forEach((haystack, slot) => index.add(slot, haystack));
  const { indexed, unindexed, counts } = index.candidates(['er', 'print'], 4, 2);
  expect(indexed).toEqual(['print']);
  expect(unindexed).toEqual(['er']);
  expect([...counts]).toEqual([1, 1, 0, 0]);
});

it('tests one-character words by a bit per character', () => {
  const index = createSearchIndex();
  ['printer #1', 'print', 'paper', 'VPN x'].forEach((haystack, slot) => index.add(slot, haystack));
  const holding = (...words: string[]) => {
    const { byCharacter, indexed, unindexed } = index.candidates(words, 4, 100);
    expect([indexed, unindexed]).toEqual([[], []]);
    return [0, 1, 2, 3].filter((slot) => byCharacter?.(slot) ?? true);
  };
  expect(holding('p')).toEqual([0, 1, 2]);
  expect(holding('p', 'e')).toEqual([0, 2]);
  expect(holding('#')).toEqual([0]);
  expect(holding('x', '1')).toEqual([]);
  expect(index.candidates(['é'], 4, 100).indexed).toEqual(['é']);
});
