/** Canned replies of the demo desk, in English and Bahasa Indonesia (placeholders: shared/domain/replyTemplate.ts). */
export const DEMO_REPLIES: ReadonlyArray<{ title: string; body: string }> = [
  {
    title: 'Password reset done',
    body: 'Hello {{caller.name}},\n\nyour password has been reset. Sign in with the temporary password we gave you on the phone and choose a new one when asked.\n\nTicket {{ticket.code}}: {{ticket.title}}\n{{technician.name}}, IT service desk',
  },
  {
    title: 'Waiting for your answer',
    body: 'Hello {{caller.name}},\n\nwe need a little more from you to go on with ticket {{ticket.code}}. Please reply to this message or call the desk and give the code.\n\n{{technician.name}}',
  },
  {
    title: 'Fixed, please confirm',
    body: 'Hello {{caller.name}},\n\nwe believe "{{ticket.title}}" is fixed. If it happens again, call us and give the code {{ticket.code}}.\n\n{{technician.name}}, IT service desk',
  },
  {
    title: 'Kata sandi sudah direset',
    body: 'Halo {{caller.name}},\n\nkata sandi Anda sudah direset. Masuk dengan kata sandi sementara yang kami berikan lewat telepon, lalu buat kata sandi baru saat diminta.\n\nTiket {{ticket.code}}: {{ticket.title}}\n{{technician.name}}, layanan TI',
  },
  {
    title: 'Menunggu jawaban Anda',
    body: 'Halo {{caller.name}},\n\nkami memerlukan sedikit keterangan lagi untuk melanjutkan tiket {{ticket.code}}. Balas pesan ini atau telepon layanan TI dan sebutkan kodenya.\n\n{{technician.name}}',
  },
  {
    title: 'Sudah selesai, mohon konfirmasi',
    body: 'Halo {{caller.name}},\n\nmasalah "{{ticket.title}}" sudah kami selesaikan. Jika terjadi lagi, hubungi kami dan sebutkan kode {{ticket.code}}.\n\n{{technician.name}}, layanan TI',
  },
];
