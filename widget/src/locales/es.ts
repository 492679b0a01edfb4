import type { Translation, WidgetStrings } from '../locale-pack.js'

export const es: Translation = {
  'kind.image': 'imágenes',
  'kind.video': 'vídeos',
  'kind.audio': 'archivos de audio',
  'refused.type': 'No se añadió {name}: este tipo de archivo no se acepta.',
  'refused.extension': 'No se añadió {name}: los archivos terminados en .{extension} no se aceptan.',
  'refused.size': 'No se añadió {name}: el límite para {kind} es {limit}.',
  'refused.empty': 'No se añadió {name}: el archivo está vacío.',
  'refused.count.one': 'No se añadió {name}: solo se puede subir un archivo.',
  'refused.count.other': 'No se añadió {name}: se pueden subir como máximo {limit} archivos.',
  'refused.content': 'No se añadió {name}: no es realmente una imagen, un vídeo ni un audio.',
  'refused.mismatch': 'No se añadió {name}: su contenido no corresponde a su tipo.',
  'failed.one': 'No se pudo subir {name}: {reason}',
  'failed.many': 'No se pudieron subir {names}: {reason}',
  'reason.network': 'no se puede contactar con el servidor. Comprueba la conexión y vuelve a intentarlo.',
  'reason.server': 'el servidor tuvo un problema. Vuelve a intentarlo en un momento.',
  'reason.busy': 'hay demasiadas subidas a la vez. Vuelve a intentarlo en un minuto.',
  'reason.storeRefused':
    'el almacenamiento rechazó el enlace de subida. Vuelve a intentarlo para obtener uno nuevo.',
  'reason.gone': 'el archivo no llegó al almacenamiento. Vuelve a intentarlo para enviarlo de nuevo.',
  'reason.keyRefused':
    'la clave de subida de este sitio no se acepta (revocada o mal escrita). Reintentar no servirá: avisa al responsable del sitio.',
  'reason.origin':
    'la dirección de esta página no puede subir con la clave de este sitio. Reintentar no servirá: avisa al responsable del sitio.',
  'reason.tokenExpired': 'el permiso para subir ha caducado. Recarga la página y vuelve a añadir el archivo.',
  'reason.tokenInvalid':
    'el permiso para subir no es válido. Recarga la página y vuelve a añadir el archivo.',
  'reason.scope': 'esta subida no está permitida ({msg}). Quita el archivo.',
  'reason.tooLarge': 'el servidor no acepta archivos tan grandes. Quítalo o elige uno más pequeño.',
  'reason.type': 'el servidor no acepta este tipo de archivo. Quítalo.',
  'reason.mismatch': 'según el servidor, su contenido no corresponde a su tipo. Quítalo.',
  'reason.media': 'el servidor lo rechaza: {msg}. Quítalo.',
  'reason.other': 'el servidor respondió «{msg}». Vuelve a intentarlo o quita el archivo.',
  'limits.group': '{kinds} de hasta {size}',
  'limits.count.one': 'un archivo',
  'limits.count.other': 'como máximo {count} archivos',
  'ui.region': 'Subida de archivos',
  'ui.open': 'Subir archivos',
  'ui.messages': 'Mensajes de la subida',
  'ui.dismiss': 'Cerrar',
  'ui.files': 'Archivos',
  'ui.attached.one': '1 archivo adjunto',
  'ui.attached.other': '{count} archivos adjuntos',
  'ui.copied': 'Enlace de {name} copiado.',
  'ui.copyFailed': 'No se pudo copiar el enlace: {url}',
  'ui.required': 'Sube un archivo.',
  'ui.waiting': 'El formulario se enviará en cuanto terminen las subidas.',
  'ui.failedFiles': 'Sin subir: {names}. Vuelve a intentarlo o quítalos y envía el formulario otra vez.',
}

const media = {
  image_too_small: '{name} mide {width} × {height} px; se necesitan al menos {minSide} × {minSide} px.',
  image_too_big: '{name} mide {width} × {height} px; se permiten como máximo {maxSide} × {maxSide} px.',
  image_aspect:
    '{name} mide {width} × {height} px; su lado largo puede medir como máximo {maxAspect} veces su lado corto.',
  image_too_many_pixels: '{name} mide {width} × {height} px; se permiten como máximo {maxPixels} píxeles.',
  media_too_short: '{name} dura {seconds} s; se necesitan al menos {minSeconds} s.',
  media_too_long: '{name} dura {seconds} s; se permiten como máximo {maxSeconds} s.',
}

// Uppy's Dashboard strings worded differently from @uppy/locales (see uppy-strings.ts).
const uppy = {
  complete: 'Completado',
  uploadComplete: 'Subida completada',
  dropPasteFiles: 'Suelta o pega archivos aquí, o %{browseFiles}',
  browseFiles: 'elígelos en tu dispositivo',
  dashboardTitle: 'Subida de archivos',
  dashboardWindowTitle: 'Subida de archivos (Esc cierra)',
}

const resume = {
  list: 'Subidas sin terminar',
  unfinished: '{name}: {percent} % enviado — añade el archivo de nuevo para continuar',
  discard: 'Descartar',
  continuing: '{name}: continúa donde se detuvo ({percent} % ya enviado).',
  restarted:
    '{name}: la subida anterior ya no está en el almacenamiento; empieza de nuevo desde el principio.',
  offline: 'Se perdió la conexión: las subidas están en pausa y continúan cuando vuelva.',
  online: 'La conexión ha vuelto: las subidas continúan.',
  continue: 'Continuar',
  reopenDenied: '{name}: no se dio permiso para leer el archivo; añade el archivo de nuevo para continuar.',
  reopenGone: '{name} ya no se puede leer (se movió o se eliminó); añade el archivo de nuevo para continuar.',
  reopenChanged:
    '{name} ha cambiado desde que empezó su subida, así que esa subida no puede continuar; añádelo de nuevo para subirlo desde cero.',
}

export default { messages: es, media, resume, uppy } satisfies WidgetStrings
