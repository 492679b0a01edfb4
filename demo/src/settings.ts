// Where the demo finds its Dropgate server, and the public key it uploads with. `pnpm dev` at the
// root passes both (VITE_DROPGATE_ENDPOINT, VITE_DROPGATE_PUBLISHABLE_KEY); these defaults match it.
export const DEFAULT_ENDPOINT = 'http://127.0.0.1:8787'
export const DEFAULT_PUBLISHABLE_KEY = 'dg_pk_dev_demo'

// The languages the widget translates itself into (it speaks every @uppy/locales language; these
// have its own messages too), each named in itself.
export const LOCALES = [
  ['en', 'English'],
  ['ar', 'العربية'],
  ['de', 'Deutsch'],
  ['es', 'Español'],
  ['fr', 'Français'],
  ['he', 'עברית'],
  ['hi', 'हिन्दी'],
  ['id', 'Bahasa Indonesia'],
  ['it', 'Italiano'],
  ['ja', '日本語'],
  ['ko', '한국어'],
  ['nl', 'Nederlands'],
  ['pl', 'Polski'],
  ['pt-BR', 'Português (Brasil)'],
  ['pt-PT', 'Português (Portugal)'],
  ['ru', 'Русский'],
  ['tr', 'Türkçe'],
  ['uk', 'Українська'],
  ['vi', 'Tiếng Việt'],
  ['zh-CN', '简体中文'],
  ['zh-TW', '繁體中文'],
] as const
export const THEMES = ['light', 'dark', 'auto'] as const

export type DemoLocale = (typeof LOCALES)[number][0]
export type DemoTheme = (typeof THEMES)[number]
