import type { Translation, WidgetStrings } from '../locale-pack.js'

// Russian's `one` category holds 1, 21, 31…: its plural strings carry the number.
export const ru: Translation = {
  'kind.image': 'изображений',
  'kind.video': 'видео',
  'kind.audio': 'аудиофайлов',
  'refused.type': '{name} не добавлен: этот тип файлов не принимается.',
  'refused.extension': '{name} не добавлен: файлы с расширением .{extension} не принимаются.',
  'refused.size': '{name} не добавлен: предел для {kind} — {limit}.',
  'refused.empty': '{name} не добавлен: файл пустой.',
  'refused.count.one': '{name} не добавлен: можно загрузить не более {limit} файла.',
  'refused.count.few': '{name} не добавлен: можно загрузить не более {limit} файлов.',
  'refused.count.many': '{name} не добавлен: можно загрузить не более {limit} файлов.',
  'refused.count.other': '{name} не добавлен: можно загрузить не более {limit} файла.',
  'refused.content': '{name} не добавлен: на самом деле это не изображение, не видео и не аудиофайл.',
  'refused.mismatch': '{name} не добавлен: его содержимое не соответствует типу.',
  'failed.one': 'Не удалось загрузить {name}: {reason}',
  'failed.many': 'Не удалось загрузить {names}: {reason}',
  'reason.network': 'сервер недоступен. Проверьте подключение и повторите попытку.',
  'reason.server': 'на сервере произошла ошибка. Повторите попытку чуть позже.',
  'reason.busy': 'слишком много загрузок одновременно. Повторите попытку через минуту.',
  'reason.storeRefused': 'хранилище отклонило ссылку для загрузки. Повторите попытку, чтобы получить новую.',
  'reason.gone': 'файл не дошёл до хранилища. Повторите попытку, чтобы отправить его снова.',
  'reason.keyRefused':
    'ключ загрузки этого сайта не принимается (отозван или введён с ошибкой). Повторная попытка не поможет: сообщите владельцу сайта.',
  'reason.origin':
    'с адреса этой страницы нельзя загружать файлы с ключом этого сайта. Повторная попытка не поможет: сообщите владельцу сайта.',
  'reason.tokenExpired': 'разрешение на загрузку истекло. Обновите страницу и добавьте файл снова.',
  'reason.tokenInvalid': 'разрешение на загрузку недействительно. Обновите страницу и добавьте файл снова.',
  'reason.scope': 'эта загрузка не разрешена ({msg}). Удалите файл.',
  'reason.tooLarge': 'сервер не принимает такие большие файлы. Удалите его или выберите файл поменьше.',
  'reason.type': 'сервер не принимает этот тип файлов. Удалите его.',
  'reason.mismatch': 'сервер обнаружил, что содержимое не соответствует типу. Удалите его.',
  'reason.media': 'сервер отклоняет его: {msg}. Удалите его.',
  'reason.other': 'сервер ответил «{msg}». Повторите попытку или удалите файл.',
  'limits.group': '{kinds} до {size}',
  'limits.count.one': 'не более {count} файла',
  'limits.count.few': 'не более {count} файлов',
  'limits.count.many': 'не более {count} файлов',
  'limits.count.other': 'не более {count} файла',
  'ui.region': 'Загрузка файлов',
  'ui.open': 'Загрузить файлы',
  'ui.messages': 'Сообщения о загрузке',
  'ui.dismiss': 'Закрыть',
  'ui.files': 'Файлы',
  'ui.attached.one': 'Прикреплён {count} файл',
  'ui.attached.few': 'Прикреплено {count} файла',
  'ui.attached.many': 'Прикреплено {count} файлов',
  'ui.attached.other': 'Прикреплено {count} файла',
  'ui.copied': 'Ссылка на {name} скопирована.',
  'ui.copyFailed': 'Не удалось скопировать ссылку: {url}',
  'ui.required': 'Загрузите файл.',
  'ui.waiting': 'Форма будет отправлена, как только закончатся загрузки.',
  'ui.failedFiles': 'Не загружены: {names}. Повторите попытку или удалите их, затем отправьте форму ещё раз.',
}

const media = {
  image_too_small: '{name}: {width} × {height} px; нужно не меньше {minSide} × {minSide} px.',
  image_too_big: '{name}: {width} × {height} px; допускается не больше {maxSide} × {maxSide} px.',
  image_aspect:
    '{name}: {width} × {height} px; длинная сторона может быть не более чем в {maxAspect} раза длиннее короткой.',
  image_too_many_pixels: '{name}: {width} × {height} px; допускается не больше {maxPixels} пикселей.',
  media_too_short: '{name} длится {seconds} с; нужно не меньше {minSeconds} с.',
  media_too_long: '{name} длится {seconds} с; допускается не больше {maxSeconds} с.',
}

const uppy = {
  dashboardTitle: 'Загрузка файлов',
  dashboardWindowTitle: 'Загрузка файлов (Esc — закрыть)',
}

const resume = {
  list: 'Незавершённые загрузки',
  unfinished: '{name}: отправлено {percent}% — добавьте файл снова, чтобы продолжить',
  discard: 'Отменить',
  continuing: '{name}: продолжается с места остановки (уже отправлено {percent}%).',
  restarted: '{name}: прежней загрузки больше нет в хранилище; она начинается сначала.',
  offline: 'Соединение потеряно: загрузки приостановлены и продолжатся, когда оно вернётся.',
  online: 'Соединение восстановлено: загрузки продолжаются.',
  continue: 'Продолжить',
  reopenDenied: '{name}: разрешение на чтение файла не получено; добавьте файл снова, чтобы продолжить.',
  reopenGone: '{name} больше нельзя прочитать (перемещён или удалён); добавьте файл снова, чтобы продолжить.',
  reopenChanged:
    '{name} изменился с начала загрузки, поэтому её нельзя продолжить; добавьте его снова, чтобы загрузить заново.',
}

export default { messages: ru, media, resume, uppy } satisfies WidgetStrings
