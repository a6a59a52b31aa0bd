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
    waiting_one: '{{n}} perubahan menunggu dikirim',
    waiting_other: '{{n}} perubahan menunggu dikirim',
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
  userMenu: {
    label: 'Pengaturan Anda dan keluar',
    language: 'Bahasa',
    theme: 'Tema',
  },
  split: {
    label: 'Ubah lebar panel tiket',
    value: 'Panel tiket selebar {{width}} piksel',
  },
  theme: {
    system: 'Tema sistem',
  },
  desktop: {
    plainTextSecret:
      'Komputer ini tidak memiliki keyring: data masuk Anda disimpan tanpa enkripsi, dan siapa pun yang dapat membaca berkas Anda bisa memakainya. Pasang atau buka kunci keyring (GNOME Keyring atau KWallet), lalu masuk kembali.',
    noSecretStorage: 'Komputer ini tidak dapat menyimpan data masuk Anda dengan aman: Anda harus masuk kembali setiap kali aplikasi dijalankan.',
    ticketNotCached: 'Tiket {{code}} tidak tersimpan offline, dan server tidak dapat dihubungi sekarang. Buka tautannya lagi saat jaringan kembali.',
    ticketNotFound: 'Server tidak memiliki tiket {{code}}.',
    ticketNotRead: 'Tiket {{code}} tidak dapat dibaca dari server: {{message}}',
    badTicketLink: 'Tautan ini tidak merujuk ke tiket: “{{code}}”.',
    signInFirst: 'Masuk terlebih dahulu: tiket akan terbuka setelah Anda masuk.',
    dismiss: 'Tutup',
  },
};
