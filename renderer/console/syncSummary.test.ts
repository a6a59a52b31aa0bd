import { describe, expect, it } from 'vitest';
import { syncSummary, type SyncSummaryInput } from './syncSummary';

const input = (patch: Partial<SyncSummaryInput>): SyncSummaryInput => ({ state: 'idle', isLive: true, pending: 0, hasProgress: false, ...patch });

describe('syncSummary', () => {
  it('says all sent while online with nothing waiting, during a routine pull too', () => {
    expect(syncSummary(input({}))).toEqual({ tone: 'online', label: 'online', waiting: 'allSent' });
    expect(syncSummary(input({ state: 'syncing' }))).toEqual({ tone: 'online', label: 'online', waiting: 'allSent' });
    expect(syncSummary(input({ isLive: false }))).toEqual({ tone: 'online', label: 'onlineNoLive', waiting: 'allSent' });
  });

  it('says syncing with the count while changes wait to be sent, never beside "all sent"', () => {
    expect(syncSummary(input({ state: 'syncing', pending: 2 }))).toEqual({ tone: 'syncing', label: 'syncing', waiting: 'waiting' });
    // Made a moment ago, the sync not started yet.
    expect(syncSummary(input({ state: 'idle', pending: 1 }))).toEqual({ tone: 'syncing', label: 'syncing', waiting: 'waiting' });
  });

  it('says syncing while a long sync shows its progress, and counts waiting changes only if there are any', () => {
    expect(syncSummary(input({ state: 'syncing', hasProgress: true }))).toEqual({ tone: 'syncing', label: 'syncing', waiting: null });
    expect(syncSummary(input({ state: 'syncing', hasProgress: true, pending: 3 }))).toEqual({ tone: 'syncing', label: 'syncing', waiting: 'waiting' });
  });

  it('says offline, or the error, with what waits, or that everything was sent before', () => {
    expect(syncSummary(input({ state: 'offline', pending: 3 }))).toEqual({ tone: 'offline', label: 'offline', waiting: 'waiting' });
    expect(syncSummary(input({ state: 'offline', isLive: true }))).toEqual({ tone: 'offline', label: 'offline', waiting: 'allSent' });
    expect(syncSummary(input({ state: 'error', pending: 1 }))).toEqual({ tone: 'error', label: 'error', waiting: 'waiting' });
    expect(syncSummary(input({ state: 'signed-out', pending: 1 }))).toEqual({ tone: 'error', label: 'signedOut', waiting: 'waiting' });
    expect(syncSummary(input({ state: 'stopped' }))).toEqual({ tone: 'offline', label: 'stopped', waiting: 'allSent' });
  });
});
