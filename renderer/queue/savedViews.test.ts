import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from './queueFilter';
import { builtInViews, loadSavedViews, sameFilter, storeSavedViews } from './savedViews';

const memory = () => {
  const data = new Map<string, string>();
  return { data, getItem: (key: string) => data.get(key) ?? null, setItem: (key: string, value: string) => void data.set(key, value) };
};

describe('saved views', () => {
  it('offers the built-in views, unassigned at the user tier', () => {
    const views = builtInViews(2);
    expect(views.map((view) => view.id)).toEqual(['all', 'mine', 'following', 'unassigned', 'breaching', 'pending', 'recent']);
    expect(views.find((view) => view.id === 'following')?.filter).toEqual({ ...EMPTY_FILTER, following: true });
    expect(views.find((view) => view.id === 'unassigned')?.filter.tiers).toEqual([2]);
  });

  it('offers no view that needs a tier to someone without one', () => {
    expect(builtInViews(null).map((view) => view.id)).toEqual(['all', 'mine', 'following', 'breaching', 'pending', 'recent']);
  });

  it('keeps the statistics kinds of filter in a saved view, and reads views saved before they existed', () => {
    const storage = memory();
    const filter = { ...EMPTY_FILTER, tags: ['vpn'], resolvedIn: { fromMs: 1, toMs: 2 }, createdIn: { fromMs: 3, toMs: 4 }, resolvers: ['u-tina'] };
    storeSavedViews(storage, 'u1', [{ id: 'v1', name: 'Tina last week', filter }]);
    expect(loadSavedViews(storage, 'u1')).toEqual([{ id: 'v1', name: 'Tina last week', filter }]);
    storage.setItem('meja.queue.views.u2', JSON.stringify([{ id: 'old', name: 'Old', filter: { statuses: ['new'], resolvedIn: { fromMs: 5, toMs: 5 } } }]));
    expect(loadSavedViews(storage, 'u2')).toEqual([{ id: 'old', name: 'Old', filter: { ...EMPTY_FILTER, statuses: ['new'] } }]);
    expect(sameFilter(filter, { ...filter, resolvedIn: { fromMs: 1, toMs: 3 } })).toBe(false);
    expect(sameFilter(filter, { ...filter, tags: [] })).toBe(false);
  });

  it('keeps views per user and drops what it cannot read', () => {
    const storage = memory();
    const filter = { ...EMPTY_FILTER, statuses: ['open' as const], following: true, search: 'vpn' };
    storeSavedViews(storage, 'u1', [{ id: 'v1', name: 'VPN', filter }]);
    expect(loadSavedViews(storage, 'u1')).toEqual([{ id: 'v1', name: 'VPN', filter }]);
    expect(loadSavedViews(storage, 'u2')).toEqual([]);
    storage.setItem('meja.queue.views.u3', JSON.stringify([{ id: 'x', name: 'Odd', filter: { statuses: ['nope', 'new'], tiers: 'all' } }, 42]));
    expect(loadSavedViews(storage, 'u3')).toEqual([{ id: 'x', name: 'Odd', filter: { ...EMPTY_FILTER, statuses: ['new'] } }]);
    storage.setItem('meja.queue.views.u4', '{not json');
    expect(loadSavedViews(storage, 'u4')).toEqual([]);
  });

  it('compares filters regardless of list order', () => {
    expect(sameFilter({ ...EMPTY_FILTER, statuses: ['new', 'open'] }, { ...EMPTY_FILTER, statuses: ['open', 'new'] })).toBe(true);
    expect(sameFilter({ ...EMPTY_FILTER, statuses: ['new'] }, EMPTY_FILTER)).toBe(false);
    expect(sameFilter({ ...EMPTY_FILTER, following: true }, EMPTY_FILTER)).toBe(false);
  });
});
