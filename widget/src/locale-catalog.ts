// Every language the widget speaks: each @uppy/locales pack, under the BCP 47 tag a page writes, and
// for the widget's own translated locales (locales/<tag>.ts) their strings. The npm build loads them
// through locale-loader.ts, the script-tag build from dist/locales/<tag>.js (vite.config.ts builds
// one file per entry here). English is built in: it needs no entry.
export const LOCALE_CATALOG = {
  ar: { uppy: 'ar_SA', strings: 'ar' },
  bg: { uppy: 'bg_BG' },
  ca: { uppy: 'ca_ES' },
  cs: { uppy: 'cs_CZ' },
  da: { uppy: 'da_DK' },
  de: { uppy: 'de_DE', strings: 'de' },
  el: { uppy: 'el_GR' },
  es: { uppy: 'es_ES', strings: 'es' },
  'es-MX': { uppy: 'es_MX', strings: 'es' },
  fa: { uppy: 'fa_IR' },
  fi: { uppy: 'fi_FI' },
  fr: { uppy: 'fr_FR', strings: 'fr' },
  gl: { uppy: 'gl_ES' },
  he: { uppy: 'he_IL', strings: 'he' },
  hi: { uppy: 'hi_IN', strings: 'hi' },
  hr: { uppy: 'hr_HR' },
  hu: { uppy: 'hu_HU' },
  id: { uppy: 'id_ID', strings: 'id' },
  is: { uppy: 'is_IS' },
  it: { uppy: 'it_IT', strings: 'it' },
  ja: { uppy: 'ja_JP', strings: 'ja' },
  ko: { uppy: 'ko_KR', strings: 'ko' },
  mn: { uppy: 'mn_MN' },
  ms: { uppy: 'ms_MY' },
  nb: { uppy: 'nb_NO' },
  nl: { uppy: 'nl_NL', strings: 'nl' },
  nn: { uppy: 'nn_NO' },
  pl: { uppy: 'pl_PL', strings: 'pl' },
  'pt-BR': { uppy: 'pt_BR', strings: 'pt-BR' },
  'pt-PT': { uppy: 'pt_PT', strings: 'pt-PT' },
  ro: { uppy: 'ro_RO' },
  ru: { uppy: 'ru_RU', strings: 'ru' },
  sk: { uppy: 'sk_SK' },
  'sr-Cyrl': { uppy: 'sr_RS_Cyrillic' },
  'sr-Latn': { uppy: 'sr_RS_Latin' },
  sv: { uppy: 'sv_SE' },
  th: { uppy: 'th_TH' },
  tr: { uppy: 'tr_TR', strings: 'tr' },
  uk: { uppy: 'uk_UA', strings: 'uk' },
  uz: { uppy: 'uz_UZ' },
  vi: { uppy: 'vi_VN', strings: 'vi' },
  'zh-CN': { uppy: 'zh_CN', strings: 'zh-CN' },
  'zh-TW': { uppy: 'zh_TW', strings: 'zh-TW' },
} as const satisfies Record<string, { readonly uppy: string; readonly strings?: string }>

export type CatalogLocale = keyof typeof LOCALE_CATALOG

/** Every tag the widget resolves to: the catalog's and English. */
export const LOCALE_TAGS: readonly string[] = ['en', ...Object.keys(LOCALE_CATALOG)]

// Languages written right to left (of those above); the widget's shadow root gets dir="rtl".
const RTL_LANGUAGES = new Set(['ar', 'fa', 'he'])

export const directionOf = (tag: string): 'ltr' | 'rtl' =>
  RTL_LANGUAGES.has(tag.split('-')[0] ?? '') ? 'rtl' : 'ltr'
