// The resume machinery's sentences (uppy-resume.ts), in the locales the widget ships. Like
// locales/media.ts they live apart from en.ts and its siblings because only the lazily loaded chunk
// (dist/dropgate-resume.js) shows them: the script-tag bundle, at its size budget, does not carry them.
export type ResumeMessage =
  | 'unfinished'
  | 'discard'
  | 'continuing'
  | 'restarted'
  | 'offline'
  | 'online'
  | 'list'

export const RESUME_MESSAGES: Readonly<Record<string, Readonly<Record<ResumeMessage, string>>>> = {
  en: {
    list: 'Unfinished uploads',
    unfinished: '{name}: {percent}% sent — add the file again to continue',
    discard: 'Discard',
    continuing: '{name}: continuing where it stopped ({percent}% already sent).',
    restarted: '{name}: the earlier upload is no longer in storage; it starts again from the beginning.',
    offline: 'The connection was lost: uploads are paused and continue when it is back.',
    online: 'The connection is back: uploads continue.',
  },
  de: {
    list: 'Unvollständige Uploads',
    unfinished: '{name}: {percent} % gesendet — die Datei erneut hinzufügen, um fortzufahren',
    discard: 'Verwerfen',
    continuing: '{name}: wird fortgesetzt, wo es aufgehört hat ({percent} % bereits gesendet).',
    restarted: '{name}: der frühere Upload ist nicht mehr im Speicher; er beginnt von vorn.',
    offline: 'Die Verbindung ist unterbrochen: Uploads pausieren und gehen weiter, sobald sie zurück ist.',
    online: 'Die Verbindung ist zurück: Uploads gehen weiter.',
  },
  es: {
    list: 'Subidas sin terminar',
    unfinished: '{name}: {percent} % enviado — añade el archivo de nuevo para continuar',
    discard: 'Descartar',
    continuing: '{name}: continúa donde se detuvo ({percent} % ya enviado).',
    restarted:
      '{name}: la subida anterior ya no está en el almacenamiento; empieza de nuevo desde el principio.',
    offline: 'Se perdió la conexión: las subidas están en pausa y continúan cuando vuelva.',
    online: 'La conexión ha vuelto: las subidas continúan.',
  },
  'pt-BR': {
    list: 'Envios não concluídos',
    unfinished: '{name}: {percent}% enviado — adicione o arquivo de novo para continuar',
    discard: 'Descartar',
    continuing: '{name}: continuando de onde parou ({percent}% já enviado).',
    restarted: '{name}: o envio anterior não está mais no armazenamento; ele recomeça do início.',
    offline: 'A conexão caiu: os envios estão pausados e continuam quando ela voltar.',
    online: 'A conexão voltou: os envios continuam.',
  },
}

/** The sentence in `locale` (its language, else English), placeholders filled. */
export function resumeMessage(
  locale: string,
  key: ResumeMessage,
  params: Record<string, string | number> = {},
) {
  const table = RESUME_MESSAGES[locale] ?? RESUME_MESSAGES[locale.split('-')[0] ?? ''] ?? RESUME_MESSAGES.en
  const text = (table ?? (RESUME_MESSAGES.en as Record<ResumeMessage, string>))[key]
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole))
}
