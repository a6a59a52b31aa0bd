import type { call as en } from '../en/call';

export const call: typeof en = {
  header: {
    brandSub: 'Layanan TI',
    newTicket: 'Tiket baru',
    answerCall: 'Terima panggilan',
    takeNext: 'Ambil berikutnya',
    signOut: 'Keluar',
    role: {
      tierTechnician: 'Teknisi tier {{tier}}',
      technician: 'Teknisi',
      supervisor: 'Supervisor',
      admin: 'Administrator',
    },
  },
  commands: {
    answerCall: 'Terima panggilan dan mulai hitung durasi',
    takeNext: 'Ambil tiket berikutnya yang belum ditugaskan',
  },
  takeNext: {
    none: 'Tidak ada tiket yang belum ditugaskan di tier {{tier}}.',
    refused: 'Tiket tidak dapat diambil: {{message}}',
    dismiss: 'Tutup pesan',
  },
  dialog: {
    newTicket: 'Tiket baru',
    created: 'Tiket dibuat',
    callNewTicket: 'Panggilan: tiket baru',
    callCreated: 'Panggilan: tiket dibuat',
  },
  timer: {
    label: 'Durasi panggilan',
    running: 'Sedang menelepon',
    ended: 'Panggilan selesai',
    endCall: 'Akhiri panggilan',
    hangUpHint: 'Menutup dialog ini akan mengakhiri panggilan.',
  },
  form: {
    requesterName: 'Nama pelapor',
    contact: 'Kontak',
    contactPlaceholder: 'Telepon, ekstensi, atau e-mail',
    title: 'Judul',
    description: 'Deskripsi',
    category: 'Kategori',
    priority: 'Prioritas',
    channel: 'Saluran',
    create: 'Buat tiket',
    cancel: 'Batal',
    fixFields: 'Mohon perbaiki isian yang ditandai.',
  },
  fieldError: {
    blank: 'wajib diisi',
    tooLong: 'maksimal {{max}} karakter',
  },
  priority: { low: 'Rendah', normal: 'Normal', high: 'Tinggi', urgent: 'Mendesak' },
  channel: { phone: 'Telepon', email: 'E-mail', 'walk-in': 'Datang langsung', 'self-service': 'Layanan mandiri' },
  created: {
    lead: 'Berikan kode ini kepada penelepon:',
    copyCode: 'Salin kode',
    number: 'Nomor',
    title: 'Judul',
    notSynced: 'belum disinkronkan',
    another: 'Tiket lain',
    close: 'Tutup',
    open: 'Buka tiket',
  },
  callDuration: 'Durasi panggilan',
};
