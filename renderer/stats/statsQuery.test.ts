import { describe, expect, it } from 'vitest';
import { statsHttpPath, statsSearch } from '../../shared/stats/api';
import { statsCacheKey, statsCsvUrl } from './statsQuery';

describe('statsHttpPath', () => {
  it('writes only the filters that are set', () => {
    expect(statsHttpPath('summary', { from: '2026-03-01', to: '2026-03-08' })).toBe('/api/stats/summary?from=2026-03-01&to=2026-03-08');
    expect(statsHttpPath('technicians', { from: '2026-03-01', to: '2026-03-08', tier: 2, category: 'E-mail & calendar' })).toBe(
      '/api/stats/technicians?from=2026-03-01&to=2026-03-08&tier=2&category=E-mail+%26+calendar',
    );
  });
  it('asks for CSV for an export', () => {
    expect(statsCsvUrl('categories', { from: '2026-03-01', to: '2026-03-08', technician: 'u1' })).toBe(
      '/api/stats/categories?from=2026-03-01&to=2026-03-08&technician=u1&format=csv',
    );
  });
});

describe('statsCacheKey', () => {
  it('is the same whatever order the filters were given in', () => {
    expect(statsCacheKey('summary', { tier: 1, from: 'a', to: 'b', category: 'x' })).toBe(
      statsCacheKey('summary', { category: 'x', to: 'b', from: 'a', tier: 1 }),
    );
  });
  it('tells routes and filters apart', () => {
    expect(statsCacheKey('summary', { from: 'a', to: 'b' })).not.toBe(statsCacheKey('backlog', { from: 'a', to: 'b' }));
    expect(statsCacheKey('summary', { from: 'a', to: 'b' })).not.toBe(statsCacheKey('summary', { from: 'a', to: 'b', tier: 3 }));
  });
});

describe('statsSearch', () => {
  it('encodes values as URLSearchParams does, so cached figures keep their keys', () => {
    const odd = "a b&c=d/é!'()~*-._+%";
    const params = {
      from: '2026-03-01',
      to: '2026-03-08',
      category: odd,
      tag: 'x y',
      technician: 'u1',
      tier: 2 as const,
      repeatWindowDays: 7,
      format: 'csv' as const,
    };
    const expected = new URLSearchParams([
      ['from', params.from],
      ['to', params.to],
      ['tier', '2'],
      ['category', odd],
      ['tag', 'x y'],
      ['technician', 'u1'],
      ['repeatWindowDays', '7'],
      ['format', 'csv'],
    ]).toString();
    expect(statsSearch(params)).toBe(expected);
  });
});
