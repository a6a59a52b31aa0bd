import type { common as en } from '../en/common';

export const common: typeof en = {
  appName: 'Meja',
  helpDesk: 'Layanan bantuan',
  signOut: 'Keluar',
  language: 'Bahasa',
  theme: 'Tema',
  themeLight: 'Terang',
  themeDark: 'Gelap',
  themeSystem: 'Sistem',
  cancel: 'Batal',
  save: 'Simpan',
  closeDialog: 'Tutup dialog',
  retry: 'Coba lagi',
  discard: 'Buang',
  copy: 'Salin',
  copyFailed: 'Gagal menyalin',
  copied: 'Disalin',
};
