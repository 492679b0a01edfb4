import { type CatalogLocale, LOCALE_CATALOG } from './locale-catalog.js'
import { loadLocalePack } from './locale-loader.js'
import type { LocalePack } from './locale-pack.js'

// Loaded packs, shared by every widget on the page: a language is fetched once.
const loaded = new Map<string, LocalePack>()
const loading = new Map<string, Promise<LocalePack | undefined>>()

/** A pack loaded earlier, if any (English has none: it is built in). */
export const loadedLocale = (tag: string): LocalePack | undefined => loaded.get(tag)

const isCatalogLocale = (tag: string): tag is CatalogLocale => Object.hasOwn(LOCALE_CATALOG, tag)

/**
 * Loads a locale's pack once. A pack that cannot be loaded (a 404, a network error) leaves the
 * widget in English, with one console note, never broken: the promise resolves to `undefined`.
 */
export function loadLocale(tag: string): Promise<LocalePack | undefined> {
  if (!isCatalogLocale(tag)) return Promise.resolve(undefined)
  let promise = loading.get(tag)
  if (!promise) {
    promise = loadLocalePack(tag).then(
      (pack) => {
        loaded.set(tag, pack)
        noteUntranslated(tag, pack)
        return pack
      },
      (error: unknown) => {
        console.warn(
          `Dropgate: the "${tag}" strings could not be loaded; the widget stays in English.`,
          error,
        )
        return undefined
      },
    )
    loading.set(tag, promise)
  }
  return promise
}

// Uppy-only locales, and keys a translation marks `null`, show English: said once per locale.
function noteUntranslated(tag: string, pack: LocalePack) {
  const messages = pack.widget?.messages
  if (!messages) {
    console.info(
      `Dropgate: the widget's own messages are not translated to "${tag}" yet; they are shown in English.`,
    )
    return
  }
  const missing = Object.entries(messages)
    .filter(([, text]) => text === null)
    .map(([key]) => key)
  if (missing.length > 0)
    console.info(`Dropgate: not translated to "${tag}" yet, shown in English: ${missing.join(', ')}.`)
}
