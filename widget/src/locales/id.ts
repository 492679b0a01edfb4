import type { Translation, WidgetStrings } from '../locale-pack.js'

// Indonesian has one plural form: Intl.PluralRules answers `other` for every count.
export const id: Translation = {
  'kind.image': 'gambar',
  'kind.video': 'video',
  'kind.audio': 'file audio',
  'refused.type': '{name} tidak ditambahkan: jenis file ini tidak diterima.',
  'refused.extension': '{name} tidak ditambahkan: file berakhiran .{extension} tidak diterima.',
  'refused.size': '{name} tidak ditambahkan: batas untuk {kind} adalah {limit}.',
  'refused.empty': '{name} tidak ditambahkan: file kosong.',
  'refused.count.one': '{name} tidak ditambahkan: hanya satu file yang dapat diunggah.',
  'refused.count.other': '{name} tidak ditambahkan: paling banyak {limit} file yang dapat diunggah.',
  'refused.content': '{name} tidak ditambahkan: file ini sebenarnya bukan gambar, video, atau file audio.',
  'refused.mismatch': '{name} tidak ditambahkan: isinya tidak sesuai dengan jenisnya.',
  'failed.one': '{name} tidak dapat diunggah: {reason}',
  'failed.many': '{names} tidak dapat diunggah: {reason}',
  'reason.network': 'server tidak dapat dijangkau. Periksa koneksi, lalu coba lagi.',
  'reason.server': 'server mengalami masalah. Coba lagi sebentar lagi.',
  'reason.busy': 'terlalu banyak unggahan sekaligus. Coba lagi dalam satu menit.',
  'reason.storeRefused': 'penyimpanan menolak tautan unggahan. Coba lagi untuk mendapatkan tautan baru.',
  'reason.gone': 'file tidak sampai ke penyimpanan. Coba lagi untuk mengirimnya ulang.',
  'reason.keyRefused':
    'kunci unggahan situs ini tidak diterima (dicabut atau salah ketik). Mencoba lagi tidak akan membantu: beri tahu pemilik situs.',
  'reason.origin':
    'alamat halaman ini tidak boleh mengunggah dengan kunci situs ini. Mencoba lagi tidak akan membantu: beri tahu pemilik situs.',
  'reason.tokenExpired': 'izin mengunggah sudah kedaluwarsa. Muat ulang halaman dan tambahkan file lagi.',
  'reason.tokenInvalid': 'izin mengunggah tidak valid. Muat ulang halaman dan tambahkan file lagi.',
  'reason.scope': 'unggahan ini tidak diizinkan ({msg}). Hapus file.',
  'reason.tooLarge': 'server menolak file sebesar ini. Hapus file atau pilih yang lebih kecil.',
  'reason.type': 'server tidak menerima jenis file ini. Hapus file.',
  'reason.mismatch': 'server mendapati isinya tidak sesuai dengan jenisnya. Hapus file.',
  'reason.media': 'server menolaknya: {msg}. Hapus file.',
  'reason.other': 'server menjawab “{msg}”. Coba lagi, atau hapus file.',
  'limits.group': '{kinds} hingga {size}',
  'limits.count.one': 'satu file',
  'limits.count.other': 'paling banyak {count} file',
  'ui.region': 'Unggah file',
  'ui.open': 'Unggah file',
  'ui.messages': 'Pesan unggahan',
  'ui.dismiss': 'Tutup',
  'ui.files': 'File',
  'ui.attached.one': '{count} file terlampir',
  'ui.attached.other': '{count} file terlampir',
  'ui.copied': 'Tautan ke {name} disalin.',
  'ui.copyFailed': 'Tautan tidak dapat disalin: {url}',
  'ui.required': 'Unggah sebuah file.',
  'ui.waiting': 'Formulir akan dikirim segera setelah unggahan selesai.',
  'ui.failedFiles': 'Tidak terunggah: {names}. Coba lagi atau hapus, lalu kirim formulir sekali lagi.',
}

const media = {
  image_too_small: '{name} berukuran {width} × {height} px; minimal {minSide} × {minSide} px diperlukan.',
  image_too_big: '{name} berukuran {width} × {height} px; maksimal {maxSide} × {maxSide} px diizinkan.',
  image_aspect:
    '{name} berukuran {width} × {height} px; sisi panjangnya paling banyak {maxAspect} kali sisi pendeknya.',
  image_too_many_pixels: '{name} berukuran {width} × {height} px; maksimal {maxPixels} piksel diizinkan.',
  media_too_short: '{name} berdurasi {seconds} dtk; minimal {minSeconds} dtk diperlukan.',
  media_too_long: '{name} berdurasi {seconds} dtk; maksimal {maxSeconds} dtk diizinkan.',
}

const uppy = {
  dashboardTitle: 'Unggah file',
  dashboardWindowTitle: 'Unggah file (Esc untuk menutup)',
}

const resume = {
  list: 'Unggahan yang belum selesai',
  unfinished: '{name}: {percent}% terkirim — tambahkan file lagi untuk melanjutkan',
  discard: 'Buang',
  continuing: '{name}: melanjutkan dari titik berhenti ({percent}% sudah terkirim).',
  restarted: '{name}: unggahan sebelumnya sudah tidak ada di penyimpanan; dimulai lagi dari awal.',
  offline: 'Koneksi terputus: unggahan dijeda dan berlanjut saat koneksi kembali.',
  online: 'Koneksi kembali: unggahan berlanjut.',
  continue: 'Lanjutkan',
  reopenDenied: '{name}: izin untuk membaca file tidak diberikan; tambahkan file lagi untuk melanjutkan.',
  reopenGone:
    '{name} tidak dapat dibaca lagi (dipindahkan atau dihapus); tambahkan file lagi untuk melanjutkan.',
  reopenChanged:
    '{name} telah berubah sejak unggahannya dimulai, jadi unggahan itu tidak dapat dilanjutkan; tambahkan lagi untuk mengunggahnya dari awal.',
}

export default { messages: id, media, resume, uppy } satisfies WidgetStrings
