import type { Translation, WidgetStrings } from '../locale-pack.js'

// Ukrainian's `one` category holds 1, 21, 31…: its plural strings carry the number.
export const uk: Translation = {
  'kind.image': 'зображень',
  'kind.video': 'відео',
  'kind.audio': 'аудіофайлів',
  'refused.type': '{name} не додано: цей тип файлів не приймається.',
  'refused.extension': '{name} не додано: файли з розширенням .{extension} не приймаються.',
  'refused.size': '{name} не додано: межа для {kind} — {limit}.',
  'refused.empty': '{name} не додано: файл порожній.',
  'refused.count.one': '{name} не додано: можна завантажити не більше {limit} файлу.',
  'refused.count.few': '{name} не додано: можна завантажити не більше {limit} файлів.',
  'refused.count.many': '{name} не додано: можна завантажити не більше {limit} файлів.',
  'refused.count.other': '{name} не додано: можна завантажити не більше {limit} файлу.',
  'refused.content': '{name} не додано: насправді це не зображення, не відео і не аудіофайл.',
  'refused.mismatch': '{name} не додано: його вміст не відповідає типу.',
  'failed.one': 'Не вдалося завантажити {name}: {reason}',
  'failed.many': 'Не вдалося завантажити {names}: {reason}',
  'reason.network': 'сервер недоступний. Перевірте з’єднання й спробуйте ще раз.',
  'reason.server': 'на сервері сталася помилка. Спробуйте ще раз за мить.',
  'reason.busy': 'забагато завантажень одночасно. Спробуйте ще раз за хвилину.',
  'reason.storeRefused': 'сховище відхилило посилання для завантаження. Спробуйте ще раз, щоб отримати нове.',
  'reason.gone': 'файл не дійшов до сховища. Спробуйте ще раз, щоб надіслати його знову.',
  'reason.keyRefused':
    'ключ завантаження цього сайту не приймається (відкликаний або введений з помилкою). Повторна спроба не допоможе: повідомте власника сайту.',
  'reason.origin':
    'з адреси цієї сторінки не можна завантажувати файли з ключем цього сайту. Повторна спроба не допоможе: повідомте власника сайту.',
  'reason.tokenExpired': 'дозвіл на завантаження сплив. Оновіть сторінку й додайте файл знову.',
  'reason.tokenInvalid': 'дозвіл на завантаження недійсний. Оновіть сторінку й додайте файл знову.',
  'reason.scope': 'це завантаження не дозволене ({msg}). Вилучіть файл.',
  'reason.tooLarge': 'сервер не приймає такі великі файли. Вилучіть його або виберіть менший.',
  'reason.type': 'сервер не приймає цей тип файлів. Вилучіть його.',
  'reason.mismatch': 'сервер виявив, що вміст не відповідає типу. Вилучіть його.',
  'reason.media': 'сервер його відхиляє: {msg}. Вилучіть його.',
  'reason.other': 'сервер відповів «{msg}». Спробуйте ще раз або вилучіть файл.',
  'limits.group': '{kinds} до {size}',
  'limits.count.one': 'не більше {count} файлу',
  'limits.count.few': 'не більше {count} файлів',
  'limits.count.many': 'не більше {count} файлів',
  'limits.count.other': 'не більше {count} файлу',
  'ui.region': 'Завантаження файлів',
  'ui.open': 'Завантажити файли',
  'ui.messages': 'Повідомлення про завантаження',
  'ui.dismiss': 'Закрити',
  'ui.files': 'Файли',
  'ui.attached.one': 'Додано {count} файл',
  'ui.attached.few': 'Додано {count} файли',
  'ui.attached.many': 'Додано {count} файлів',
  'ui.attached.other': 'Додано {count} файлу',
  'ui.copied': 'Посилання на {name} скопійовано.',
  'ui.copyFailed': 'Не вдалося скопіювати посилання: {url}',
  'ui.required': 'Завантажте файл.',
  'ui.waiting': 'Форму буде надіслано, щойно завершаться завантаження.',
  'ui.failedFiles':
    'Не завантажено: {names}. Спробуйте ще раз або вилучіть їх, а потім надішліть форму знову.',
}

const media = {
  image_too_small: '{name}: {width} × {height} px; потрібно щонайменше {minSide} × {minSide} px.',
  image_too_big: '{name}: {width} × {height} px; дозволено щонайбільше {maxSide} × {maxSide} px.',
  image_aspect:
    '{name}: {width} × {height} px; довга сторона може бути щонайбільше в {maxAspect} раза довшою за коротку.',
  image_too_many_pixels: '{name}: {width} × {height} px; дозволено щонайбільше {maxPixels} пікселів.',
  media_too_short: '{name} триває {seconds} с; потрібно щонайменше {minSeconds} с.',
  media_too_long: '{name} триває {seconds} с; дозволено щонайбільше {maxSeconds} с.',
}

const uppy = {
  dashboardTitle: 'Завантаження файлів',
  dashboardWindowTitle: 'Завантаження файлів (Esc — закрити)',
}

const resume = {
  list: 'Незавершені завантаження',
  unfinished: '{name}: надіслано {percent}% — додайте файл знову, щоб продовжити',
  discard: 'Скасувати',
  continuing: '{name}: продовжується з місця зупинки (уже надіслано {percent}%).',
  restarted: '{name}: попереднього завантаження більше немає у сховищі; воно починається спочатку.',
  offline: 'З’єднання втрачено: завантаження призупинено, вони продовжаться, коли воно повернеться.',
  online: 'З’єднання відновлено: завантаження продовжуються.',
  continue: 'Продовжити',
  reopenDenied: '{name}: дозволу на читання файлу не надано; додайте файл знову, щоб продовжити.',
  reopenGone:
    '{name} більше не можна прочитати (переміщено або видалено); додайте файл знову, щоб продовжити.',
  reopenChanged:
    '{name} змінився від початку завантаження, тож його не можна продовжити; додайте його знову, щоб завантажити наново.',
}

export default { messages: uk, media, resume, uppy } satisfies WidgetStrings
