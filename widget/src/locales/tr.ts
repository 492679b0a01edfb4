import type { Translation, WidgetStrings } from '../locale-pack.js'

export const tr: Translation = {
  'kind.image': 'görseller',
  'kind.video': 'videolar',
  'kind.audio': 'ses dosyaları',
  'refused.type': '{name} eklenmedi: bu dosya türü kabul edilmiyor.',
  'refused.extension': '{name} eklenmedi: .{extension} uzantılı dosyalar kabul edilmiyor.',
  'refused.size': '{name} eklenmedi: {kind} için sınır {limit}.',
  'refused.empty': '{name} eklenmedi: dosya boş.',
  'refused.count.one': '{name} eklenmedi: yalnızca bir dosya yüklenebilir.',
  'refused.count.other': '{name} eklenmedi: en fazla {limit} dosya yüklenebilir.',
  'refused.content': '{name} eklenmedi: gerçekten bir görsel, video veya ses dosyası değil.',
  'refused.mismatch': '{name} eklenmedi: içeriği türüyle uyuşmuyor.',
  'failed.one': '{name} yüklenemedi: {reason}',
  'failed.many': '{names} yüklenemedi: {reason}',
  'reason.network': 'sunucuya ulaşılamadı. Bağlantıyı kontrol edip yeniden deneyin.',
  'reason.server': 'sunucuda bir sorun oluştu. Birazdan yeniden deneyin.',
  'reason.busy': 'aynı anda çok fazla yükleme var. Bir dakika sonra yeniden deneyin.',
  'reason.storeRefused':
    'depolama yükleme bağlantısını reddetti. Yeni bir bağlantı almak için yeniden deneyin.',
  'reason.gone': 'dosya depolamaya ulaşmadı. Yeniden göndermek için tekrar deneyin.',
  'reason.keyRefused':
    'bu sitenin yükleme anahtarı kabul edilmiyor (iptal edilmiş veya yanlış yazılmış). Yeniden denemek işe yaramaz: site sahibine bildirin.',
  'reason.origin':
    'bu sayfanın adresi bu sitenin anahtarıyla yükleme yapamaz. Yeniden denemek işe yaramaz: site sahibine bildirin.',
  'reason.tokenExpired': 'yükleme izninin süresi doldu. Sayfayı yenileyip dosyayı yeniden ekleyin.',
  'reason.tokenInvalid': 'yükleme izni geçerli değil. Sayfayı yenileyip dosyayı yeniden ekleyin.',
  'reason.scope': 'bu yüklemeye izin verilmiyor ({msg}). Dosyayı kaldırın.',
  'reason.tooLarge': 'sunucu bu kadar büyük dosyaları reddediyor. Kaldırın veya daha küçük bir dosya seçin.',
  'reason.type': 'sunucu bu dosya türünü kabul etmiyor. Kaldırın.',
  'reason.mismatch': 'sunucu içeriğin türüyle uyuşmadığını buldu. Kaldırın.',
  'reason.media': 'sunucu reddediyor: {msg}. Kaldırın.',
  'reason.other': 'sunucu “{msg}” yanıtını verdi. Yeniden deneyin veya dosyayı kaldırın.',
  'limits.group': '{size} boyutuna kadar {kinds}',
  'limits.count.one': 'tek dosya',
  'limits.count.other': 'en fazla {count} dosya',
  'ui.region': 'Dosya yükleme',
  'ui.open': 'Dosya yükle',
  'ui.messages': 'Yükleme mesajları',
  'ui.dismiss': 'Kapat',
  'ui.files': 'Dosyalar',
  'ui.attached.one': '1 dosya eklendi',
  'ui.attached.other': '{count} dosya eklendi',
  'ui.copied': '{name} bağlantısı kopyalandı.',
  'ui.copyFailed': 'Bağlantı kopyalanamadı: {url}',
  'ui.required': 'Lütfen bir dosya yükleyin.',
  'ui.waiting': 'Yüklemeler biter bitmez form gönderilecek.',
  'ui.failedFiles': 'Yüklenmedi: {names}. Yeniden deneyin veya kaldırın, sonra formu tekrar gönderin.',
}

const media = {
  image_too_small: '{name} {width} × {height} px; en az {minSide} × {minSide} px gerekiyor.',
  image_too_big: '{name} {width} × {height} px; en fazla {maxSide} × {maxSide} px izin veriliyor.',
  image_aspect: '{name} {width} × {height} px; uzun kenar, kısa kenarın en fazla {maxAspect} katı olabilir.',
  image_too_many_pixels: '{name} {width} × {height} px; en fazla {maxPixels} piksele izin veriliyor.',
  media_too_short: '{name} {seconds} sn sürüyor; en az {minSeconds} sn gerekiyor.',
  media_too_long: '{name} {seconds} sn sürüyor; en fazla {maxSeconds} sn izin veriliyor.',
}

const uppy = {
  dashboardTitle: 'Dosya yükleme',
  dashboardWindowTitle: 'Dosya yükleme (kapatmak için Esc)',
}

const resume = {
  list: 'Tamamlanmamış yüklemeler',
  unfinished: '{name}: %{percent} gönderildi — devam etmek için dosyayı yeniden ekleyin',
  discard: 'Vazgeç',
  continuing: '{name}: kaldığı yerden devam ediyor (%{percent} zaten gönderildi).',
  restarted: '{name}: önceki yükleme artık depolamada değil; baştan yeniden başlıyor.',
  offline: 'Bağlantı koptu: yüklemeler duraklatıldı, bağlantı gelince devam edecek.',
  online: 'Bağlantı geri geldi: yüklemeler devam ediyor.',
  continue: 'Devam et',
  reopenDenied: '{name}: dosyayı okuma izni verilmedi; devam etmek için dosyayı yeniden ekleyin.',
  reopenGone: '{name} artık okunamıyor (taşındı veya silindi); devam etmek için dosyayı yeniden ekleyin.',
  reopenChanged:
    '{name} yüklemesi başladığından beri değişti, bu yüzden o yükleme sürdürülemez; baştan yüklemek için yeniden ekleyin.',
}

export default { messages: tr, media, resume, uppy } satisfies WidgetStrings
