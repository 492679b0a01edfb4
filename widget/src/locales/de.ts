import type { Messages } from './en.js'

export const de: Messages = {
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
  'error.network': '{name} konnte nicht hochgeladen werden: Der Server ist nicht erreichbar.',
  'error.auth': '{name} konnte nicht hochgeladen werden: Diese Seite darf keine Dateien hochladen.',
  'error.tooLarge': '{name} konnte nicht hochgeladen werden: Der Server nimmt so große Dateien nicht an.',
  'error.type': '{name} konnte nicht hochgeladen werden: Der Server nimmt diesen Dateityp nicht an.',
  'error.mismatch': '{name} wurde vom Server abgelehnt: Der Inhalt passt nicht zum Dateityp.',
  'error.busy':
    '{name} konnte nicht hochgeladen werden: Zu viele Uploads, bitte in einer Minute erneut versuchen.',
  'error.server': '{name} konnte nicht hochgeladen werden: Der Server hatte ein Problem.',
  'error.other': '{name} konnte nicht hochgeladen werden ({msg}).',
  'ui.region': 'Datei-Upload',
  'ui.open': 'Dateien hochladen',
  'ui.messages': 'Upload-Meldungen',
  'ui.dismiss': 'Schließen',
  'ui.required': 'Bitte laden Sie eine Datei hoch.',
  'ui.uploading': 'Bitte warten Sie, bis der Upload abgeschlossen ist.',
}
