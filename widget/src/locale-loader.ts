// Loads one locale of locale-catalog.ts on demand. Each entry is a dynamic import a bundler can see,
// so the npm build leaves every language in a chunk of its own that a page loads only when it speaks
// it; the script-tag build swaps this module for bundle-shims/locale-loader.ts. A unit test holds
// these entries equal to the catalog.
import type { CatalogLocale } from './locale-catalog.js'
import type { LocalePack, UppyLocalePack, WidgetStrings } from './locale-pack.js'

const pack = async (
  uppy: Promise<{ default: UppyLocalePack }>,
  widget?: Promise<{ default: WidgetStrings }>,
): Promise<LocalePack> => {
  const [u, w] = await Promise.all([uppy, widget])
  return { uppy: u.default, ...(w && { widget: w.default }) }
}

export const LOCALE_LOADERS: Readonly<Record<CatalogLocale, () => Promise<LocalePack>>> = {
  ar: () => pack(import('@uppy/locales/lib/ar_SA.js'), import('./locales/ar.js')),
  bg: () => pack(import('@uppy/locales/lib/bg_BG.js')),
  ca: () => pack(import('@uppy/locales/lib/ca_ES.js')),
  cs: () => pack(import('@uppy/locales/lib/cs_CZ.js')),
  da: () => pack(import('@uppy/locales/lib/da_DK.js')),
  de: () => pack(import('@uppy/locales/lib/de_DE.js'), import('./locales/de.js')),
  el: () => pack(import('@uppy/locales/lib/el_GR.js')),
  es: () => pack(import('@uppy/locales/lib/es_ES.js'), import('./locales/es.js')),
  'es-MX': () => pack(import('@uppy/locales/lib/es_MX.js'), import('./locales/es.js')),
  fa: () => pack(import('@uppy/locales/lib/fa_IR.js')),
  fi: () => pack(import('@uppy/locales/lib/fi_FI.js')),
  fr: () => pack(import('@uppy/locales/lib/fr_FR.js'), import('./locales/fr.js')),
  gl: () => pack(import('@uppy/locales/lib/gl_ES.js')),
  he: () => pack(import('@uppy/locales/lib/he_IL.js'), import('./locales/he.js')),
  hi: () => pack(import('@uppy/locales/lib/hi_IN.js'), import('./locales/hi.js')),
  hr: () => pack(import('@uppy/locales/lib/hr_HR.js')),
  hu: () => pack(import('@uppy/locales/lib/hu_HU.js')),
  id: () => pack(import('@uppy/locales/lib/id_ID.js'), import('./locales/id.js')),
  is: () => pack(import('@uppy/locales/lib/is_IS.js')),
  it: () => pack(import('@uppy/locales/lib/it_IT.js'), import('./locales/it.js')),
  ja: () => pack(import('@uppy/locales/lib/ja_JP.js'), import('./locales/ja.js')),
  ko: () => pack(import('@uppy/locales/lib/ko_KR.js'), import('./locales/ko.js')),
  mn: () => pack(import('@uppy/locales/lib/mn_MN.js')),
  ms: () => pack(import('@uppy/locales/lib/ms_MY.js')),
  nb: () => pack(import('@uppy/locales/lib/nb_NO.js')),
  nl: () => pack(import('@uppy/locales/lib/nl_NL.js'), import('./locales/nl.js')),
  nn: () => pack(import('@uppy/locales/lib/nn_NO.js')),
  pl: () => pack(import('@uppy/locales/lib/pl_PL.js'), import('./locales/pl.js')),
  'pt-BR': () => pack(import('@uppy/locales/lib/pt_BR.js'), import('./locales/pt-BR.js')),
  'pt-PT': () => pack(import('@uppy/locales/lib/pt_PT.js'), import('./locales/pt-PT.js')),
  ro: () => pack(import('@uppy/locales/lib/ro_RO.js')),
  ru: () => pack(import('@uppy/locales/lib/ru_RU.js'), import('./locales/ru.js')),
  sk: () => pack(import('@uppy/locales/lib/sk_SK.js')),
  'sr-Cyrl': () => pack(import('@uppy/locales/lib/sr_RS_Cyrillic.js')),
  'sr-Latn': () => pack(import('@uppy/locales/lib/sr_RS_Latin.js')),
  sv: () => pack(import('@uppy/locales/lib/sv_SE.js')),
  th: () => pack(import('@uppy/locales/lib/th_TH.js')),
  tr: () => pack(import('@uppy/locales/lib/tr_TR.js'), import('./locales/tr.js')),
  uk: () => pack(import('@uppy/locales/lib/uk_UA.js'), import('./locales/uk.js')),
  uz: () => pack(import('@uppy/locales/lib/uz_UZ.js')),
  vi: () => pack(import('@uppy/locales/lib/vi_VN.js'), import('./locales/vi.js')),
  'zh-CN': () => pack(import('@uppy/locales/lib/zh_CN.js'), import('./locales/zh-CN.js')),
  'zh-TW': () => pack(import('@uppy/locales/lib/zh_TW.js'), import('./locales/zh-TW.js')),
}

export const loadLocalePack = (tag: CatalogLocale): Promise<LocalePack> => LOCALE_LOADERS[tag]()
