import type { MediaRefusal } from '@dropgate/core'
import type { MediaTranslation } from '../locale-pack.js'

// The media refusals' sentences in English. They live apart from the other strings (en.ts) because
// only the lazily loaded media reader (media-reader.ts) words them: the script-tag bundle does not
// carry them. Other locales' are their locale file's `media` (locales/<tag>.ts), handed to the reader
// by media-check.ts. English is the server's error table (docs/API.md §2.12,
// @dropgate/core error-table.ts) word for word, plus the full stop of the widget's sentences; a
// unit test holds them equal.
export const MEDIA_MESSAGES_EN: Readonly<Record<MediaRefusal['code'], string>> = {
  image_too_small: '{name} is {width} × {height} px; at least {minSide} × {minSide} px is needed.',
  image_too_big: '{name} is {width} × {height} px; at most {maxSide} × {maxSide} px is allowed.',
  image_aspect:
    '{name} is {width} × {height} px; its long side may be at most {maxAspect} times its short side.',
  image_too_many_pixels: '{name} is {width} × {height} px; at most {maxPixels} pixels are allowed.',
  media_too_short: '{name} lasts {seconds} s; at least {minSeconds} s is needed.',
  media_too_long: '{name} lasts {seconds} s; at most {maxSeconds} s is allowed.',
}

/** A refusal in the locale's words, its numbers as the locale writes them (1.234,5 in de). */
export function describeMediaRefusal(
  refusal: MediaRefusal,
  locale: string,
  translated: MediaTranslation = {},
): string {
  const template = translated[refusal.code] ?? MEDIA_MESSAGES_EN[refusal.code] ?? refusal.code
  const numbers = new Intl.NumberFormat(locale)
  const params = refusal.params as Readonly<Record<string, string | number>>
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = params[key]
    return value === undefined ? whole : typeof value === 'number' ? numbers.format(value) : value
  })
}
