import type { MediaRefusal } from '@dropgate/core'

// The media refusals' sentences, in the locales the widget ships. They live apart from the other
// strings (en.ts …) because only the lazily loaded media reader (media-reader.ts) words them: the
// script-tag bundle does not carry them. English is the server's error table (docs/API.md §2.12,
// @dropgate/core error-table.ts) word for word, plus the full stop of the widget's sentences; a
// unit test holds them equal.
export const MEDIA_MESSAGES: Readonly<Record<string, Readonly<Record<MediaRefusal['code'], string>>>> = {
  en: {
    image_too_small: '{name} is {width} × {height} px; at least {minSide} × {minSide} px is needed.',
    image_too_big: '{name} is {width} × {height} px; at most {maxSide} × {maxSide} px is allowed.',
    image_aspect:
      '{name} is {width} × {height} px; its long side may be at most {maxAspect} times its short side.',
    image_too_many_pixels: '{name} is {width} × {height} px; at most {maxPixels} pixels are allowed.',
    media_too_short: '{name} lasts {seconds} s; at least {minSeconds} s is needed.',
    media_too_long: '{name} lasts {seconds} s; at most {maxSeconds} s is allowed.',
  },
  'pt-BR': {
    image_too_small: '{name} tem {width} × {height} px; são necessários pelo menos {minSide} × {minSide} px.',
    image_too_big: '{name} tem {width} × {height} px; são permitidos no máximo {maxSide} × {maxSide} px.',
    image_aspect:
      '{name} tem {width} × {height} px; o lado maior pode ter no máximo {maxAspect} vezes o lado menor.',
    image_too_many_pixels: '{name} tem {width} × {height} px; são permitidos no máximo {maxPixels} pixels.',
    media_too_short: '{name} dura {seconds} s; são necessários pelo menos {minSeconds} s.',
    media_too_long: '{name} dura {seconds} s; são permitidos no máximo {maxSeconds} s.',
  },
  de: {
    image_too_small: '{name} hat {width} × {height} px; mindestens {minSide} × {minSide} px sind nötig.',
    image_too_big: '{name} hat {width} × {height} px; höchstens {maxSide} × {maxSide} px sind erlaubt.',
    image_aspect:
      '{name} hat {width} × {height} px; die lange Seite darf höchstens {maxAspect}-mal so lang sein wie die kurze.',
    image_too_many_pixels: '{name} hat {width} × {height} px; höchstens {maxPixels} Pixel sind erlaubt.',
    media_too_short: '{name} dauert {seconds} s; mindestens {minSeconds} s sind nötig.',
    media_too_long: '{name} dauert {seconds} s; höchstens {maxSeconds} s sind erlaubt.',
  },
  es: {
    image_too_small: '{name} mide {width} × {height} px; se necesitan al menos {minSide} × {minSide} px.',
    image_too_big: '{name} mide {width} × {height} px; se permiten como máximo {maxSide} × {maxSide} px.',
    image_aspect:
      '{name} mide {width} × {height} px; su lado largo puede medir como máximo {maxAspect} veces su lado corto.',
    image_too_many_pixels: '{name} mide {width} × {height} px; se permiten como máximo {maxPixels} píxeles.',
    media_too_short: '{name} dura {seconds} s; se necesitan al menos {minSeconds} s.',
    media_too_long: '{name} dura {seconds} s; se permiten como máximo {maxSeconds} s.',
  },
}

/** A refusal in the locale's words, its numbers as the locale writes them (1.234,5 in de). */
export function describeMediaRefusal(refusal: MediaRefusal, locale: string): string {
  const template = (MEDIA_MESSAGES[locale] ?? MEDIA_MESSAGES.en)?.[refusal.code] ?? refusal.code
  const numbers = new Intl.NumberFormat(locale)
  const params = refusal.params as Readonly<Record<string, string | number>>
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = params[key]
    return value === undefined ? whole : typeof value === 'number' ? numbers.format(value) : value
  })
}
