import { LOCALE_TAGS } from './locale-catalog.js'

// Regions and scripts whose language the catalog holds under another tag. Portuguese: Brazil's is
// the default (bare `pt`, and every region not listed), while the countries that write European
// Portuguese get pt-PT. Chinese: Traditional for Taiwan, Hong Kong and Macau (and `zh-Hant`),
// Simplified otherwise. Serbian: Cyrillic unless Latin is asked for. Norwegian: `no` is Bokmål.
const ALIASES: Readonly<Record<string, string>> = {
  pt: 'pt-BR',
  'pt-ao': 'pt-PT',
  'pt-mz': 'pt-PT',
  'pt-cv': 'pt-PT',
  'pt-gw': 'pt-PT',
  'pt-st': 'pt-PT',
  'pt-tl': 'pt-PT',
  'pt-mo': 'pt-PT',
  'pt-lu': 'pt-PT',
  'pt-ch': 'pt-PT',
  zh: 'zh-CN',
  'zh-hant': 'zh-TW',
  'zh-hk': 'zh-TW',
  'zh-mo': 'zh-TW',
  'zh-hans': 'zh-CN',
  sr: 'sr-Cyrl',
  'sr-latn': 'sr-Latn',
  no: 'nb',
  iw: 'he',
}

/**
 * The supported locale closest to a BCP 47 tag: exact (`pt-BR`), then an alias above (`pt-AO` →
 * pt-PT, `zh-Hant-HK` → zh-TW), then the language alone (`de-AT` → de, `pt-XX` → pt-BR); the first
 * tag of a preference list (navigator.languages) that matches wins, else English.
 */
export function resolveLocale(
  requested: string | readonly string[] | undefined,
  available: readonly string[] = LOCALE_TAGS,
): string {
  const tags = typeof requested === 'string' ? [requested] : (requested ?? [])
  const find = (wanted: string | undefined) =>
    wanted === undefined ? undefined : available.find((l) => l.toLowerCase() === wanted.toLowerCase())
  for (const tag of tags) {
    const wanted = tag.trim().replaceAll('_', '-').toLowerCase()
    const subtags = wanted.split('-')
    // zh-Hant-TW → zh-hant-tw, zh-hant, zh: the longest prefix that names a locale or an alias.
    for (let n = subtags.length; n > 0; n--) {
      const prefix = subtags.slice(0, n).join('-')
      const match = find(prefix) ?? find(ALIASES[prefix])
      if (match) return match
      const region = n === 1 ? undefined : `${subtags[0]}-${subtags[n - 1]}`
      const byRegion = region && (find(region) ?? find(ALIASES[region]))
      if (byRegion) return byRegion
    }
    const sameLanguage = available.find((l) => l.toLowerCase().split('-')[0] === subtags[0])
    if (sameLanguage) return find(ALIASES[subtags[0] ?? '']) ?? sameLanguage
  }
  return 'en'
}
