// Where the demo finds its Dropgate server, and the public key it uploads with. `pnpm dev` at the
// root passes both (VITE_DROPGATE_ENDPOINT, VITE_DROPGATE_PUBLISHABLE_KEY); these defaults match it.
export const DEFAULT_ENDPOINT = 'http://127.0.0.1:8787'
export const DEFAULT_PUBLISHABLE_KEY = 'dg_pk_dev_demo'

export const LOCALES = [
  ['en', 'English'],
  ['pt-BR', 'Português (Brasil)'],
  ['de', 'Deutsch'],
  ['es', 'Español'],
] as const
export const THEMES = ['light', 'dark', 'auto'] as const

export type DemoLocale = (typeof LOCALES)[number][0]
export type DemoTheme = (typeof THEMES)[number]
