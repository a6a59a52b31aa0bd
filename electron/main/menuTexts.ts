import type { MenuCommand } from '../../shared/ipc/channels';
import { shellLanguage, type ShellLanguage } from './noticeTexts';

export type MenuTexts = {
  menus: Record<'file' | 'edit' | 'ticket' | 'view' | 'sync' | 'window' | 'help', string>;
  commands: Record<MenuCommand, string>;
  quit: string;
  syncNow: string;
  reload: string;
  toggleDevTools: string;
  about: string;
  edit: Record<'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'pasteAndMatchStyle' | 'delete' | 'selectAll', string>;
  zoom: Record<'resetZoom' | 'zoomIn' | 'zoomOut' | 'togglefullscreen', string>;
  macApp: Record<'services' | 'hide' | 'hideOthers' | 'unhide', string>;
};

// The command words are the console's own (renderer/i18n/locales/*/call.ts and queue.ts), so a
// technician finds the same name in the menu, the palette and on the buttons.
const TEXTS: Record<ShellLanguage, MenuTexts> = {
  en: {
    menus: { file: 'File', edit: 'Edit', ticket: 'Ticket', view: 'View', sync: 'Sync', window: 'Window', help: 'Help' },
    commands: {
      'ticket:new': 'New ticket',
      'call:answer': 'Answer call',
      'ticket:take-next': 'Take next',
      'ticket:close': 'Close the open ticket',
      'palette:open': 'Command palette',
      'queue:search': 'Search tickets',
      'queue:following': 'Following',
      'view:statistics': 'Statistics',
      'view:accounts': 'Accounts',
    },
    quit: 'Quit Meja',
    syncNow: 'Sync now',
    reload: 'Reload',
    toggleDevTools: 'Developer tools',
    about: 'About Meja',
    edit: {
      undo: 'Undo',
      redo: 'Redo',
      cut: 'Cut',
      copy: 'Copy',
      paste: 'Paste',
      pasteAndMatchStyle: 'Paste and match style',
      delete: 'Delete',
      selectAll: 'Select all',
    },
    zoom: { resetZoom: 'Actual size', zoomIn: 'Zoom in', zoomOut: 'Zoom out', togglefullscreen: 'Full screen' },
    macApp: { services: 'Services', hide: 'Hide Meja', hideOthers: 'Hide others', unhide: 'Show all' },
  },
  id: {
    menus: { file: 'Berkas', edit: 'Edit', ticket: 'Tiket', view: 'Tampilan', sync: 'Sinkronisasi', window: 'Jendela', help: 'Bantuan' },
    commands: {
      'ticket:new': 'Tiket baru',
      'call:answer': 'Terima panggilan',
      'ticket:take-next': 'Ambil berikutnya',
      'ticket:close': 'Tutup tiket yang terbuka',
      'palette:open': 'Palet perintah',
      'queue:search': 'Cari tiket',
      'queue:following': 'Diikuti',
      'view:statistics': 'Statistik',
      'view:accounts': 'Akun',
    },
    quit: 'Keluar dari Meja',
    syncNow: 'Sinkronkan sekarang',
    reload: 'Muat ulang',
    toggleDevTools: 'Alat pengembang',
    about: 'Tentang Meja',
    edit: {
      undo: 'Urungkan',
      redo: 'Ulangi',
      cut: 'Potong',
      copy: 'Salin',
      paste: 'Tempel',
      pasteAndMatchStyle: 'Tempel tanpa format',
      delete: 'Hapus',
      selectAll: 'Pilih semua',
    },
    zoom: { resetZoom: 'Ukuran asli', zoomIn: 'Perbesar', zoomOut: 'Perkecil', togglefullscreen: 'Layar penuh' },
    macApp: { services: 'Layanan', hide: 'Sembunyikan Meja', hideOthers: 'Sembunyikan yang lain', unhide: 'Tampilkan semua' },
  },
};

/** Bahasa Indonesia for `id` locales (`id`, `id-ID`), English for every other. */
export const menuTexts = (locale: string): MenuTexts => TEXTS[shellLanguage(locale)];
