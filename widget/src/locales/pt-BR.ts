import type { Translation, WidgetStrings } from '../locale-pack.js'

export const ptBR: Translation = {
  'kind.image': 'imagens',
  'kind.video': 'vídeos',
  'kind.audio': 'arquivos de áudio',
  'refused.type': '{name} não foi adicionado: este tipo de arquivo não é aceito.',
  'refused.extension': '{name} não foi adicionado: arquivos terminados em .{extension} não são aceitos.',
  'refused.size': '{name} não foi adicionado: o limite para {kind} é {limit}.',
  'refused.empty': '{name} não foi adicionado: o arquivo está vazio.',
  'refused.count.one': '{name} não foi adicionado: só é possível enviar um arquivo.',
  'refused.count.other': '{name} não foi adicionado: é possível enviar no máximo {limit} arquivos.',
  'refused.content': '{name} não foi adicionado: não é de fato uma imagem, um vídeo ou um áudio.',
  'refused.mismatch': '{name} não foi adicionado: o conteúdo não corresponde ao tipo.',
  'failed.one': 'Não foi possível enviar {name}: {reason}',
  'failed.many': 'Não foi possível enviar {names}: {reason}',
  'reason.network': 'o servidor não respondeu. Verifique a conexão e tente de novo.',
  'reason.server': 'o servidor teve um problema. Tente de novo daqui a pouco.',
  'reason.busy': 'há envios demais ao mesmo tempo. Tente de novo em um minuto.',
  'reason.storeRefused': 'o armazenamento recusou o link de envio. Tente de novo para receber um novo.',
  'reason.gone': 'o arquivo não chegou ao armazenamento. Tente de novo para enviá-lo outra vez.',
  'reason.keyRefused':
    'a chave de envio deste site não é aceita (revogada ou digitada errado). Tentar de novo não vai resolver: avise o responsável pelo site.',
  'reason.origin':
    'o endereço desta página não pode enviar com a chave deste site. Tentar de novo não vai resolver: avise o responsável pelo site.',
  'reason.tokenExpired': 'a permissão para enviar expirou. Recarregue a página e adicione o arquivo de novo.',
  'reason.tokenInvalid':
    'a permissão para enviar não é válida. Recarregue a página e adicione o arquivo de novo.',
  'reason.scope': 'este envio não é permitido ({msg}). Remova o arquivo.',
  'reason.tooLarge': 'o servidor não aceita arquivos deste tamanho. Remova-o ou escolha um menor.',
  'reason.type': 'o servidor não aceita este tipo de arquivo. Remova-o.',
  'reason.mismatch': 'o servidor verificou que o conteúdo não corresponde ao tipo. Remova-o.',
  'reason.media': 'o servidor o recusa: {msg}. Remova-o.',
  'reason.other': 'o servidor respondeu “{msg}”. Tente de novo ou remova o arquivo.',
  'limits.group': '{kinds} até {size}',
  'limits.count.one': 'um arquivo',
  'limits.count.other': 'no máximo {count} arquivos',
  'ui.region': 'Envio de arquivos',
  'ui.open': 'Enviar arquivos',
  'ui.messages': 'Mensagens do envio',
  'ui.dismiss': 'Fechar',
  'ui.files': 'Arquivos',
  'ui.attached.one': '1 arquivo anexado',
  'ui.attached.other': '{count} arquivos anexados',
  'ui.copied': 'Link de {name} copiado.',
  'ui.copyFailed': 'Não foi possível copiar o link: {url}',
  'ui.required': 'Envie um arquivo.',
  'ui.waiting': 'O formulário será enviado assim que os envios terminarem.',
  'ui.failedFiles': 'Não enviados: {names}. Tente de novo ou remova-os e envie o formulário outra vez.',
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
  dropPasteFiles: 'Solte ou cole arquivos aqui, ou %{browseFiles}',
  browseFiles: 'escolha no dispositivo',
  dropHint: 'Solte os arquivos aqui',
  dashboardTitle: 'Envio de arquivos',
  dashboardWindowTitle: 'Envio de arquivos (Esc fecha)',
  closeModal: 'Fechar',
  retry: 'Tentar de novo',
  retryUpload: 'Tentar enviar de novo',
  upload: 'Enviar',
}

const resume = {
  list: 'Envios não concluídos',
  unfinished: '{name}: {percent}% enviado — adicione o arquivo de novo para continuar',
  discard: 'Descartar',
  continuing: '{name}: continuando de onde parou ({percent}% já enviado).',
  restarted: '{name}: o envio anterior não está mais no armazenamento; ele recomeça do início.',
  offline: 'A conexão caiu: os envios estão pausados e continuam quando ela voltar.',
  online: 'A conexão voltou: os envios continuam.',
  continue: 'Continuar',
  reopenDenied:
    '{name}: a permissão para ler o arquivo não foi dada; adicione o arquivo de novo para continuar.',
  reopenGone:
    '{name} não pode mais ser lido (movido ou excluído); adicione o arquivo de novo para continuar.',
  reopenChanged:
    '{name} mudou desde que o envio começou, então esse envio não pode continuar; adicione-o de novo para enviá-lo do início.',
}

export default { messages: ptBR, media, resume, uppy } satisfies WidgetStrings
