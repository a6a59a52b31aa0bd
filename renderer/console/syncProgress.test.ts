import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { resources, type Language } from '../i18n/resources';
import { LARGE_SYNC, syncProgress, syncProgressText, type ShellT } from './syncProgress';

const shellT = async (language: Language): Promise<ShellT> => {
  const instance = i18next.createInstance();
  await instance.init({ resources, lng: language, fallbackLng: 'en', defaultNS: 'common', interpolation: { escapeValue: false } });
  return instance.getFixedT(language, 'shell');
};

const syncing = { state: 'syncing' as const, fromScratch: true };
const later = { state: 'syncing' as const, fromScratch: false };

describe('syncProgress', () => {
  it('shows a sync from scratch however small, with its share of the total', () => {
    expect(syncProgress({ ...syncing, received: 3, total: 12 })).toEqual({ isFirstSync: true, received: 3, total: 12, fraction: 0.25 });
    expect(syncProgress({ ...syncing, received: 21_000, total: 50_000 })).toEqual({ isFirstSync: true, received: 21_000, total: 50_000, fraction: 0.42 });
  });

  it('is indeterminate when the server does not say the size, or before the first page', () => {
    expect(syncProgress({ ...syncing, received: 500, total: null })).toMatchObject({ total: null, fraction: null });
    expect(syncProgress({ ...syncing, received: 0, total: null })).toMatchObject({ isFirstSync: true, fraction: null });
  });

  it('shows nothing outside a sync', () => {
    expect(syncProgress({ state: 'idle', fromScratch: false, received: 10, total: 10 })).toBeNull();
    expect(syncProgress({ state: 'offline', fromScratch: true, received: 10, total: 100 })).toBeNull();
  });

  it('shows a later sync (a reload, a poke) only when it is large, known from its total before the records arrive', () => {
    expect(syncProgress({ ...later, received: 3, total: 3 })).toBeNull();
    expect(syncProgress({ ...later, received: 500, total: LARGE_SYNC * 4 })).toEqual({
      isFirstSync: false,
      received: 500,
      total: 2000,
      fraction: 0.25,
    });
    expect(syncProgress({ ...later, received: LARGE_SYNC, total: null })).toMatchObject({ fraction: null });
  });

  it('never goes past the whole when records changed again during the sync', () => {
    expect(syncProgress({ ...syncing, received: 120, total: 100 })).toMatchObject({ total: 120, fraction: 1 });
  });
});

describe('syncProgressText', () => {
  it('reads percent and counts in English', async () => {
    const t = await shellT('en');
    expect(syncProgressText({ isFirstSync: true, received: 21_000, total: 50_000, fraction: 0.42 }, t, 'en')).toBe(
      'First sync · 42% · 21,000 of 50,000 records',
    );
  });

  it('reads them in Indonesian with its own digit grouping', async () => {
    const t = await shellT('id');
    expect(syncProgressText({ isFirstSync: false, received: 21_000, total: 50_000, fraction: 0.42 }, t, 'id')).toBe(
      'Mengejar ketertinggalan · 42% · 21.000 dari 50.000 data',
    );
  });

  it('counts what arrived when the size is unknown', async () => {
    const t = await shellT('en');
    expect(syncProgressText({ isFirstSync: true, received: 1, total: null, fraction: null }, t, 'en')).toBe('First sync · 1 record received');
    expect(syncProgressText({ isFirstSync: true, received: 1500, total: null, fraction: null }, t, 'en')).toBe('First sync · 1,500 records received');
  });

  it('shows 99% until the last record is in', async () => {
    const t = await shellT('en');
    expect(syncProgressText({ isFirstSync: true, received: 999, total: 1000, fraction: 0.999 }, t, 'en')).toBe('First sync · 99% · 999 of 1,000 records');
  });
});
