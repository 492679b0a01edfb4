import type { Translation, WidgetStrings } from '../locale-pack.js'

export const de: Translation = {
  'kind.image': 'Bilder',
  'kind.video': 'Videos',
  'kind.audio': 'Audiodateien',
  'refused.type': '{name} wurde nicht hinzugefügt: Dieser Dateityp wird nicht angenommen.',
  'refused.extension':
    '{name} wurde nicht hinzugefügt: Dateien mit der Endung .{extension} werden nicht angenommen.',
  'refused.size': '{name} wurde nicht hinzugefügt: Die Grenze für {kind} liegt bei {limit}.',
  'refused.empty': '{name} wurde nicht hinzugefügt: Die Datei ist leer.',
  'refused.count.one': '{name} wurde nicht hinzugefügt: Es kann nur eine Datei hochgeladen werden.',
  'refused.count.other':
    '{name} wurde nicht hinzugefügt: Es können höchstens {limit} Dateien hochgeladen werden.',
  'refused.content': '{name} wurde nicht hinzugefügt: Es ist kein echtes Bild, Video oder Audio.',
  'refused.mismatch': '{name} wurde nicht hinzugefügt: Der Inhalt passt nicht zum Dateityp.',
  'failed.one': '{name} konnte nicht hochgeladen werden: {reason}',
  'failed.many': '{names} konnten nicht hochgeladen werden: {reason}',
  'reason.network': 'Der Server ist nicht erreichbar. Bitte die Verbindung prüfen und erneut versuchen.',
  'reason.server': 'Der Server hatte ein Problem. Bitte gleich erneut versuchen.',
  'reason.busy': 'Zu viele Uploads gleichzeitig. Bitte in einer Minute erneut versuchen.',
  'reason.storeRefused': 'Der Speicher hat den Upload-Link abgelehnt. Erneut versuchen holt einen neuen.',
  'reason.gone': 'Die Datei ist nicht im Speicher angekommen. Erneut versuchen sendet sie noch einmal.',
  'reason.keyRefused':
    'Der Upload-Schlüssel dieser Website wird nicht angenommen (widerrufen oder falsch). Erneut versuchen hilft nicht: Bitte den Betreiber der Website informieren.',
  'reason.origin':
    'Diese Seitenadresse darf mit dem Schlüssel dieser Website nicht hochladen. Erneut versuchen hilft nicht: Bitte den Betreiber der Website informieren.',
  'reason.tokenExpired':
    'Die Upload-Berechtigung ist abgelaufen. Bitte die Seite neu laden und die Datei erneut hinzufügen.',
  'reason.tokenInvalid':
    'Die Upload-Berechtigung ist ungültig. Bitte die Seite neu laden und die Datei erneut hinzufügen.',
  'reason.scope': 'Dieser Upload ist nicht erlaubt ({msg}). Bitte die Datei entfernen.',
  'reason.tooLarge': 'Der Server nimmt so große Dateien nicht an. Bitte entfernen oder eine kleinere wählen.',
  'reason.type': 'Der Server nimmt diesen Dateityp nicht an. Bitte die Datei entfernen.',
  'reason.mismatch': 'Laut Server passt der Inhalt nicht zum Dateityp. Bitte die Datei entfernen.',
  'reason.media': 'Der Server lehnt sie ab: {msg}. Bitte die Datei entfernen.',
  'reason.other': 'Der Server antwortete „{msg}“. Erneut versuchen oder die Datei entfernen.',
  'limits.group': '{kinds} bis {size}',
  'limits.count.one': 'eine Datei',
  'limits.count.other': 'höchstens {count} Dateien',
  'ui.region': 'Datei-Upload',
  'ui.open': 'Dateien hochladen',
  'ui.messages': 'Upload-Meldungen',
  'ui.dismiss': 'Schließen',
  'ui.files': 'Dateien',
  'ui.attached.one': '1 Datei angehängt',
  'ui.attached.other': '{count} Dateien angehängt',
  'ui.copied': 'Link zu {name} kopiert.',
  'ui.copyFailed': 'Der Link konnte nicht kopiert werden: {url}',
  'ui.required': 'Bitte laden Sie eine Datei hoch.',
  'ui.waiting': 'Das Formular wird gesendet, sobald die Uploads fertig sind.',
  'ui.failedFiles':
    'Nicht hochgeladen: {names}. Bitte erneut versuchen oder entfernen und das Formular noch einmal senden.',
}

const media = {
  image_too_small: '{name} hat {width} × {height} px; mindestens {minSide} × {minSide} px sind nötig.',
  image_too_big: '{name} hat {width} × {height} px; höchstens {maxSide} × {maxSide} px sind erlaubt.',
  image_aspect:
    '{name} hat {width} × {height} px; die lange Seite darf höchstens {maxAspect}-mal so lang sein wie die kurze.',
  image_too_many_pixels: '{name} hat {width} × {height} px; höchstens {maxPixels} Pixel sind erlaubt.',
  media_too_short: '{name} dauert {seconds} s; mindestens {minSeconds} s sind nötig.',
  media_too_long: '{name} dauert {seconds} s; höchstens {maxSeconds} s sind erlaubt.',
}

// Uppy's Dashboard strings worded differently from @uppy/locales (see uppy-strings.ts).
const uppy = {
  complete: 'Fertig',
  done: 'Fertig',
  dropPasteFiles: 'Dateien hier ablegen oder einfügen, oder %{browseFiles}',
  browseFiles: 'auf dem Gerät auswählen',
  dashboardTitle: 'Datei-Upload',
  dashboardWindowTitle: 'Datei-Upload (Esc schließt)',
}

const resume = {
  list: 'Unvollständige Uploads',
  unfinished: '{name}: {percent} % gesendet — die Datei erneut hinzufügen, um fortzufahren',
  discard: 'Verwerfen',
  continuing: '{name}: wird fortgesetzt, wo es aufgehört hat ({percent} % bereits gesendet).',
  restarted: '{name}: der frühere Upload ist nicht mehr im Speicher; er beginnt von vorn.',
  offline: 'Die Verbindung ist unterbrochen: Uploads pausieren und gehen weiter, sobald sie zurück ist.',
  online: 'Die Verbindung ist zurück: Uploads gehen weiter.',
  continue: 'Fortsetzen',
  reopenDenied:
    '{name}: Die Erlaubnis, die Datei zu lesen, wurde nicht erteilt; die Datei erneut hinzufügen, um fortzufahren.',
  reopenGone:
    '{name} kann nicht mehr gelesen werden (verschoben oder gelöscht); die Datei erneut hinzufügen, um fortzufahren.',
  reopenChanged:
    '{name} hat sich seit Beginn des Uploads geändert, daher kann dieser Upload nicht fortgesetzt werden; erneut hinzufügen, um sie neu hochzuladen.',
}

export default { messages: de, media, resume, uppy } satisfies WidgetStrings
