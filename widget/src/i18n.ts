import { loadedLocale } from './load-locale.js'
import type { CatalogLocale } from './locale-catalog.js'
import type { PluralBase } from './locale-pack.js'
import { en, type MessageKey } from './locales/en.js'

export { resolveLocale } from './locale-negotiation.js'

/** A locale the widget resolves to: English (built in) or one of the catalog's, loaded on demand. */
export type Locale = 'en' | CatalogLocale

type Params = Readonly<Record<string, string | number>>
type Dictionary = Readonly<Record<string, string | null | undefined>>

export interface Translate {
  (key: MessageKey, params?: Params): string
  /** The message for a count, in the plural category Intl.PluralRules gives it in the locale. */
  plural(base: PluralBase, count: number, params?: Params): string
}

/**
 * A translator for one locale. It reads the locale's strings when called, so one made before the
 * locale's pack has loaded speaks the language as soon as it has. A key the locale lacks (or marks
 * `null`) falls back to English, and an English key that is missing too shows the key itself: a gap
 * in a translation never blanks a message. `dictionaries` replaces the loaded packs (tests).
 */
export function createTranslator(
  locale: string,
  dictionaries?: Readonly<Record<string, Dictionary>>,
): Translate {
  const fallback: Dictionary = dictionaries?.en ?? en
  const primary = (): Dictionary => dictionaries?.[locale] ?? loadedLocale(locale)?.widget?.messages ?? {}
  const numbers = numberFormat(locale)
  const text = (value: string | number) => (typeof value === 'number' ? numbers.format(value) : value)
  const fill = (template: string, params: Params) =>
    template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      Object.hasOwn(params, name) ? text(params[name] as string | number) : whole,
    )
  const lookup = (key: string) => primary()[key] ?? fallback[key] ?? undefined
  let rules: Intl.PluralRules | undefined
  const translate = (key: MessageKey, params: Params = {}) => fill(lookup(key) ?? key, params)
  return Object.assign(translate, {
    plural(base: PluralBase, count: number, params: Params = {}) {
      rules ??= pluralRules(locale)
      const category = rules.select(count)
      const own = primary()
      // The locale's own category, else its `other`; English only when the locale has neither.
      const template = own[`${base}.${category}`] ?? own[`${base}.other`] ?? lookup(`${base}.${category}`)
      return fill(template ?? lookup(`${base}.other`) ?? base, { count, ...params })
    },
  })
}

/** Numbers as the locale writes them (1.234 in de, ١٢ where a locale's digits are Arabic-Indic). */
function numberFormat(locale: string): Intl.NumberFormat {
  try {
    return new Intl.NumberFormat(locale)
  } catch {
    return new Intl.NumberFormat('en')
  }
}

function pluralRules(locale: string): Intl.PluralRules {
  try {
    return new Intl.PluralRules(locale)
  } catch {
    return new Intl.PluralRules('en')
  }
}
