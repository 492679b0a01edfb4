import { de } from './locales/de.js'
import { en, type MessageKey, type Messages } from './locales/en.js'
import { es } from './locales/es.js'
import { ptBR } from './locales/pt-BR.js'

export const LOCALES = { en, 'pt-BR': ptBR, de, es } as const
export type Locale = keyof typeof LOCALES

export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string

/**
 * The supported locale closest to a BCP 47 tag: exact (`pt-BR`), then the language alone
 * (`de-AT` → `de`, `pt-PT` → `pt-BR`, the only Portuguese there is), then English.
 */
export function resolveLocale(
  requested: string | readonly string[] | undefined,
  available: readonly string[] = Object.keys(LOCALES),
): string {
  const tags = typeof requested === 'string' ? [requested] : (requested ?? [])
  for (const tag of tags) {
    const wanted = tag.trim().replace('_', '-').toLowerCase()
    const exact = available.find((l) => l.toLowerCase() === wanted)
    if (exact) return exact
    const language = wanted.split('-')[0]
    const sameLanguage = available.find((l) => l.toLowerCase().split('-')[0] === language)
    if (sameLanguage) return sameLanguage
  }
  return 'en'
}

/**
 * A translator for one locale. A key the locale lacks falls back to English, and an English key
 * that is missing too shows the key itself: a gap in a translation never blanks a message.
 */
export function createTranslator(
  locale: string,
  dictionaries: Readonly<Record<string, Partial<Messages>>> = LOCALES,
): Translate {
  const primary = dictionaries[locale] ?? {}
  const fallback = dictionaries.en ?? {}
  return (key, params = {}) => {
    const template = primary[key] ?? fallback[key] ?? key
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      Object.hasOwn(params, name) ? String(params[name]) : whole,
    )
  }
}
