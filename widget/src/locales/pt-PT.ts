import type { Translation, WidgetStrings } from '../locale-pack.js'

// European Portuguese: ficheiro, aceite, ligação (pt-BR says arquivo, aceito, link).
export const ptPT: Translation = {
  'kind.image': 'imagens',
  'kind.video': 'vídeos',
  'kind.audio': 'ficheiros de áudio',
  'refused.type': '{name} não foi adicionado: este tipo de ficheiro não é aceite.',
  'refused.extension': '{name} não foi adicionado: ficheiros terminados em .{extension} não são aceites.',
  'refused.size': '{name} não foi adicionado: o limite para {kind} é {limit}.',
  'refused.empty': '{name} não foi adicionado: o ficheiro está vazio.',
  'refused.count.one': '{name} não foi adicionado: só é possível enviar um ficheiro.',
  'refused.count.other': '{name} não foi adicionado: é possível enviar no máximo {limit} ficheiros.',
  'refused.content': '{name} não foi adicionado: não é de facto uma imagem, um vídeo ou um áudio.',
  'refused.mismatch': '{name} não foi adicionado: o conteúdo não corresponde ao tipo.',
  'failed.one': 'Não foi possível enviar {name}: {reason}',
  'failed.many': 'Não foi possível enviar {names}: {reason}',
  'reason.network': 'não foi possível contactar o servidor. Verifique a ligação e tente novamente.',
  'reason.server': 'o servidor teve um problema. Tente novamente daqui a pouco.',
  'reason.busy': 'há demasiados envios em simultâneo. Tente novamente dentro de um minuto.',
  'reason.storeRefused': 'o armazenamento recusou a ligação de envio. Tente novamente para receber uma nova.',
  'reason.gone': 'o ficheiro não chegou ao armazenamento. Tente novamente para voltar a enviá-lo.',
  'reason.keyRefused':
    'a chave de envio deste site não é aceite (revogada ou mal escrita). Tentar novamente não resolve: avise o responsável pelo site.',
  'reason.origin':
    'o endereço desta página não pode enviar com a chave deste site. Tentar novamente não resolve: avise o responsável pelo site.',
  'reason.tokenExpired':
    'a permissão para enviar expirou. Recarregue a página e adicione o ficheiro novamente.',
  'reason.tokenInvalid':
    'a permissão para enviar não é válida. Recarregue a página e adicione o ficheiro novamente.',
  'reason.scope': 'este envio não é permitido ({msg}). Remova o ficheiro.',
  'reason.tooLarge': 'o servidor não aceita ficheiros deste tamanho. Remova-o ou escolha um menor.',
  'reason.type': 'o servidor não aceita este tipo de ficheiro. Remova-o.',
  'reason.mismatch': 'o servidor verificou que o conteúdo não corresponde ao tipo. Remova-o.',
  'reason.media': 'o servidor recusa-o: {msg}. Remova-o.',
  'reason.other': 'o servidor respondeu “{msg}”. Tente novamente ou remova o ficheiro.',
  'limits.group': '{kinds} até {size}',
  'limits.count.one': 'um ficheiro',
  'limits.count.other': 'no máximo {count} ficheiros',
  'ui.region': 'Envio de ficheiros',
  'ui.open': 'Enviar ficheiros',
  'ui.messages': 'Mensagens do envio',
  'ui.dismiss': 'Fechar',
  'ui.files': 'Ficheiros',
  'ui.attached.one': '1 ficheiro anexado',
  'ui.attached.other': '{count} ficheiros anexados',
  'ui.copied': 'Ligação para {name} copiada.',
  'ui.copyFailed': 'Não foi possível copiar a ligação: {url}',
  'ui.required': 'Carregue um ficheiro.',
  'ui.waiting': 'O formulário será enviado assim que os envios terminarem.',
  'ui.failedFiles': 'Não enviados: {names}. Tente novamente ou remova-os e envie o formulário outra vez.',
}

const media = {
  image_too_small: '{name} tem {width} × {height} px; são necessários pelo menos {minSide} × {minSide} px.',
  image_too_big: '{name} tem {width} × {height} px; são permitidos no máximo {maxSide} × {maxSide} px.',
  image_aspect:
    '{name} tem {width} × {height} px; o lado maior pode ter no máximo {maxAspect} vezes o lado menor.',
  image_too_many_pixels: '{name} tem {width} × {height} px; são permitidos no máximo {maxPixels} pixels.',
  media_too_short: '{name} dura {seconds} s; são necessários pelo menos {minSeconds} s.',
  media_too_long: '{name} dura {seconds} s; são permitidos no máximo {maxSeconds} s.',
}

// Uppy's Dashboard strings worded differently from @uppy/locales (see uppy-strings.ts).
const uppy = {
  complete: 'Concluído',
  done: 'Concluído',
  uploadComplete: 'Envio concluído',
  uploadFailed: 'Falha no envio',
  dropPasteFiles: 'Largue ou cole ficheiros aqui, ou %{browseFiles}',
  browseFiles: 'escolha no dispositivo',
  dropHint: 'Largue os ficheiros aqui',
  dashboardTitle: 'Envio de ficheiros',
  dashboardWindowTitle: 'Envio de ficheiros (Esc fecha)',
  closeModal: 'Fechar',
  retry: 'Tentar novamente',
  retryUpload: 'Tentar enviar novamente',
  upload: 'Enviar',
}

const resume = {
  list: 'Carregamentos por concluir',
  unfinished: '{name}: {percent}% enviado — adicione o ficheiro novamente para continuar',
  discard: 'Descartar',
  continuing: '{name}: a continuar de onde parou ({percent}% já enviado).',
  restarted: '{name}: o carregamento anterior já não está no armazenamento; recomeça do início.',
  offline: 'A ligação perdeu-se: os carregamentos estão em pausa e continuam quando voltar.',
  online: 'A ligação voltou: os carregamentos continuam.',
  continue: 'Continuar',
  reopenDenied:
    '{name}: a permissão para ler o ficheiro não foi dada; adicione o ficheiro de novo para continuar.',
  reopenGone:
    '{name} já não pode ser lido (movido ou eliminado); adicione o ficheiro de novo para continuar.',
  reopenChanged:
    '{name} mudou desde que o carregamento começou, por isso esse carregamento não pode continuar; adicione-o de novo para o carregar do início.',
}

export default { messages: ptPT, media, resume, uppy } satisfies WidgetStrings
