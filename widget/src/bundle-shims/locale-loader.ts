// The script-tag build's locale-loader.ts: each language is a file of its own, dist/locales/<tag>.js
// (`vite build --mode locales`, one ES module per catalog entry whose default export is the pack),
// loaded by a dynamic import() of a URL resolved against the script's own src, as the media reader is.
import type { CatalogLocale } from '../locale-catalog.js'
import type { LocalePack } from '../locale-pack.js'

const base = (document.currentScript as HTMLScriptElement | null)?.src || location.href

export const loadLocalePack = async (tag: CatalogLocale): Promise<LocalePack> =>
  (await import(/* @vite-ignore */ new URL(`locales/${tag}.js`, base).href)).default
