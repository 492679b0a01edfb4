import type { Translation, WidgetStrings } from '../locale-pack.js'

export const it: Translation = {
  'kind.image': 'immagini',
  'kind.video': 'video',
  'kind.audio': 'file audio',
  'refused.type': '{name} non è stato aggiunto: questo tipo di file non è accettato.',
  'refused.extension':
    '{name} non è stato aggiunto: i file che terminano in .{extension} non sono accettati.',
  'refused.size': '{name} non è stato aggiunto: il limite per {kind} è {limit}.',
  'refused.empty': '{name} non è stato aggiunto: il file è vuoto.',
  'refused.count.one': '{name} non è stato aggiunto: si può caricare un solo file.',
  'refused.count.other': '{name} non è stato aggiunto: si possono caricare al massimo {limit} file.',
  'refused.content': '{name} non è stato aggiunto: non è davvero un’immagine, un video o un file audio.',
  'refused.mismatch': '{name} non è stato aggiunto: il contenuto non corrisponde al tipo.',
  'failed.one': 'Impossibile caricare {name}: {reason}',
  'failed.many': 'Impossibile caricare {names}: {reason}',
  'reason.network': 'il server non è raggiungibile. Controlla la connessione e riprova.',
  'reason.server': 'il server ha avuto un problema. Riprova tra un momento.',
  'reason.busy': 'troppi caricamenti contemporanei. Riprova tra un minuto.',
  'reason.storeRefused': 'lo storage ha rifiutato il link di caricamento. Riprova per ottenerne uno nuovo.',
  'reason.gone': 'il file non è arrivato nello storage. Riprova per inviarlo di nuovo.',
  'reason.keyRefused':
    'la chiave di caricamento di questo sito non è accettata (revocata o digitata male). Riprovare non servirà: avvisa il gestore del sito.',
  'reason.origin':
    'l’indirizzo di questa pagina non può caricare file con la chiave di questo sito. Riprovare non servirà: avvisa il gestore del sito.',
  'reason.tokenExpired':
    'il permesso di caricamento è scaduto. Ricarica la pagina e aggiungi di nuovo il file.',
  'reason.tokenInvalid':
    'il permesso di caricamento non è valido. Ricarica la pagina e aggiungi di nuovo il file.',
  'reason.scope': 'questo caricamento non è consentito ({msg}). Rimuovi il file.',
  'reason.tooLarge': 'il server rifiuta file così grandi. Rimuovilo o scegline uno più piccolo.',
  'reason.type': 'il server non accetta questo tipo di file. Rimuovilo.',
  'reason.mismatch': 'il server ha rilevato che il contenuto non corrisponde al tipo. Rimuovilo.',
  'reason.media': 'il server lo rifiuta: {msg}. Rimuovilo.',
  'reason.other': 'il server ha risposto «{msg}». Riprova o rimuovi il file.',
  'limits.group': '{kinds} fino a {size}',
  'limits.count.one': 'un solo file',
  'limits.count.other': 'al massimo {count} file',
  'ui.region': 'Caricamento file',
  'ui.open': 'Carica file',
  'ui.messages': 'Messaggi di caricamento',
  'ui.dismiss': 'Chiudi',
  'ui.files': 'File',
  'ui.attached.one': '1 file allegato',
  'ui.attached.other': '{count} file allegati',
  'ui.copied': 'Link a {name} copiato.',
  'ui.copyFailed': 'Impossibile copiare il link: {url}',
  'ui.required': 'Carica un file.',
  'ui.waiting': 'Il modulo verrà inviato non appena terminano i caricamenti.',
  'ui.failedFiles': 'Non caricati: {names}. Riprova o rimuovili, poi invia di nuovo il modulo.',
}

const media = {
  image_too_small: '{name} misura {width} × {height} px; servono almeno {minSide} × {minSide} px.',
  image_too_big: '{name} misura {width} × {height} px; sono consentiti al massimo {maxSide} × {maxSide} px.',
  image_aspect:
    '{name} misura {width} × {height} px; il lato lungo può essere al massimo {maxAspect} volte il lato corto.',
  image_too_many_pixels: '{name} misura {width} × {height} px; sono consentiti al massimo {maxPixels} pixel.',
  media_too_short: '{name} dura {seconds} s; servono almeno {minSeconds} s.',
  media_too_long: '{name} dura {seconds} s; sono consentiti al massimo {maxSeconds} s.',
}

const uppy = {
  dashboardTitle: 'Caricamento file',
  dashboardWindowTitle: 'Caricamento file (Esc per chiudere)',
}

const resume = {
  list: 'Caricamenti non completati',
  unfinished: '{name}: {percent}% inviato — aggiungi di nuovo il file per continuare',
  discard: 'Scarta',
  continuing: '{name}: riprende da dove si era fermato ({percent}% già inviato).',
  restarted:
    '{name}: il caricamento precedente non è più nello spazio di archiviazione; ricomincia dall’inizio.',
  offline: 'Connessione persa: i caricamenti sono in pausa e riprenderanno quando torna.',
  online: 'La connessione è tornata: i caricamenti riprendono.',
  continue: 'Continua',
  reopenDenied:
    '{name}: il permesso di leggere il file non è stato concesso; aggiungi di nuovo il file per continuare.',
  reopenGone:
    '{name} non può più essere letto (spostato o eliminato); aggiungi di nuovo il file per continuare.',
  reopenChanged:
    '{name} è cambiato da quando è iniziato il caricamento, quindi quel caricamento non può continuare; aggiungilo di nuovo per caricarlo da capo.',
}

export default { messages: it, media, resume, uppy } satisfies WidgetStrings
