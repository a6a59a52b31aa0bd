import type { shell as en } from '../en/shell';

export const shell: typeof en = {
  sync: {
    state: {
      syncing: 'Menyinkronkan',
      offline: 'Luring',
      error: 'Sinkronisasi gagal',
      signedOut: 'Sesi berakhir',
      stopped: 'Berhenti',
      online: 'Daring',
      onlineNoLive: 'Daring (tanpa pembaruan langsung)',
    },
    notSynced: 'Belum disinkronkan',
    lastSynced: 'Terakhir disinkronkan {{time}}',
    progressLabel: 'Kemajuan sinkronisasi',
    firstSync: 'Sinkronisasi pertama',
    catchUp: 'Mengejar ketertinggalan',
    // Bahasa Indonesia has no plural form: i18next uses the _other key for every count.
    ofTotal_one: '{{received}} dari {{total}} data',
    ofTotal_other: '{{received}} dari {{total}} data',
    received_one: '{{received}} data diterima',
    received_other: '{{received}} data diterima',
    allSent: 'Semua perubahan terkirim',
    pending_one: '{{n}} perubahan menunggu dikirim',
    pending_other: '{{n}} perubahan menunggu dikirim',
    rejected_one: '{{n}} perubahan ditolak',
    rejected_other: '{{n}} perubahan ditolak',
  },
  rejected: {
    title: 'Perubahan yang ditolak',
    intro: 'Server menolak perubahan ini. Tidak ada yang hilang: kirim ulang perubahan setelah bisa diterapkan, atau buang.',
    empty: 'Tidak ada perubahan yang ditolak.',
    openTicket: 'Buka tiket {{code}}',
    ticketNotCached: 'Tiket tidak ada di konsol ini',
    madeAt: 'Dibuat {{time}}',
    retry: 'Coba lagi',
    discard: 'Buang',
    stillRefused: 'Masih ditolak: {{message}}',
  },
  login: {
    heading: 'Masuk ke layanan bantuan',
    username: 'Nama pengguna',
    password: 'Kata sandi',
    signIn: 'Masuk',
    signingIn: 'Sedang masuk…',
    error: {
      invalid: 'Nama pengguna atau kata sandi salah.',
      network: 'Server tidak dapat dihubungi. Periksa jaringan lalu coba lagi.',
      unexpected: 'Jawaban server tidak terduga.',
      sessionEnded: 'Sesi Anda telah berakhir. Silakan masuk kembali.',
    },
  },
  userMenu: {
    label: 'Pengaturan Anda dan keluar',
    language: 'Bahasa',
    theme: 'Tema',
  },
  theme: {
    system: 'Tema sistem',
  },
};
