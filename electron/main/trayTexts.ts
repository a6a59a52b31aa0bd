import type { SyncState, SyncStatus } from '../../shared/sync/engine';
import { shellLanguage, type ShellLanguage } from './noticeTexts';
import { formatNumber } from '../../shared/format/numbers';

type TrayTexts = {
  appName: string;
  upToDate: string;
  waiting: Record<'one' | 'other', (count: string) => string>;
  state: Record<Exclude<SyncState, 'idle'>, string>;
  open: string;
  syncNow: string;
  quit: string;
};

// The sync words are the ones the console's status bar uses (renderer/i18n/locales/*/shell.ts).
const TEXTS: Record<ShellLanguage, TrayTexts> = {
  en: {
    appName: 'Meja',
    upToDate: 'Up to date',
    waiting: { one: (n) => `${n} change waiting`, other: (n) => `${n} changes waiting` },
    state: { syncing: 'Syncing', offline: 'Offline', error: 'Sync error', 'signed-out': 'Signed out', stopped: 'Stopped' },
    open: 'Open Meja',
    syncNow: 'Sync now',
    quit: 'Quit Meja',
  },
  id: {
    appName: 'Meja',
    upToDate: 'Sudah tersinkron',
    // Bahasa Indonesia has one form for every count; PluralRules answers `other`.
    waiting: { one: (n) => `${n} perubahan menunggu dikirim`, other: (n) => `${n} perubahan menunggu dikirim` },
    state: { syncing: 'Menyinkronkan', offline: 'Luring', error: 'Sinkronisasi gagal', 'signed-out': 'Sesi berakhir', stopped: 'Berhenti' },
    open: 'Buka Meja',
    syncNow: 'Sinkronkan sekarang',
    quit: 'Keluar dari Meja',
  },
};

export const trayTexts = (locale: string): TrayTexts => TEXTS[shellLanguage(locale)];

/**
 * One line for the tray's tooltip and menu: the changes still to send, then the sync state;
 * "Up to date" only when idle with nothing waiting. E.g. "Meja · 3 changes waiting · Offline".
 */
export const trayLabel = (status: Pick<SyncStatus, 'state' | 'pending'>, locale: string): string => {
  const language = shellLanguage(locale);
  const texts = TEXTS[language];
  const parts = [texts.appName];
  if (status.pending > 0) {
    const form = new Intl.PluralRules(language).select(status.pending) === 'one' ? 'one' : 'other';
    parts.push(texts.waiting[form](formatNumber(status.pending, language)));
  }
  if (status.state !== 'idle') parts.push(texts.state[status.state]);
  else if (status.pending === 0) parts.push(texts.upToDate);
  return parts.join(' · ');
};
