import type { signIn as en } from '../en/signIn';

export const signIn: typeof en = {
  heading: 'Masuk ke layanan bantuan',
  username: 'Nama pengguna',
  password: 'Kata sandi',
  signIn: 'Masuk',
  signingIn: 'Sedang masuk…',
  server: 'Server: {{url}}',
  unencrypted: {
    warning:
      'Koneksi ke server ini tidak terenkripsi (alamatnya diawali http://): siapa pun di jaringan dapat membaca kata sandi dan tiket Anda, atau mengubahnya di tengah jalan. Mintalah alamat https:// server ini kepada administrator Anda.',
    allow: 'Izinkan koneksi tanpa enkripsi ke server ini',
    allowed: 'Anda telah mengizinkan koneksi tanpa enkripsi ke server ini di komputer ini.',
  },
  error: {
    invalid: 'Nama pengguna atau kata sandi salah.',
    network: 'Server tidak dapat dihubungi. Periksa jaringan lalu coba lagi.',
    unexpected: 'Jawaban server tidak terduga.',
    refused: 'Server menjawab {{status}}.',
    sessionEnded: 'Sesi Anda telah berakhir. Silakan masuk kembali.',
    unencrypted:
      'Belum masuk: koneksi ke server ini tidak terenkripsi (http). Gunakan alamat https-nya, atau centang "Izinkan koneksi tanpa enkripsi ke server ini" jika Anda menerima bahwa orang lain di jaringan dapat membaca dan mengubah apa yang Anda kirim.',
    cacheTooNew:
      'Salinan tiket Anda di komputer ini ditulis oleh versi Meja yang lebih baru, yang tidak dapat dibaca dengan aman oleh versi ini. Tidak ada yang diubah: perbarui Meja (di peramban, muat ulang halaman) lalu masuk kembali.',
    cacheUnreadable:
      'Salinan tiket Anda di komputer ini tidak dapat dibuka, sehingga konsol tidak dapat dimulai. Tidak ada isinya yang diubah: masuk kembali, dan jika ini terus terjadi, mulai ulang Meja atau kosongkan sebagian ruang disk.',
  },
};
