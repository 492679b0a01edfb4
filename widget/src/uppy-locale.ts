// Uppy's strings for the widget's locale: @uppy/locales' pack, with the widget's own wording on top.
import type { LocalePack } from './locale-pack.js'
import { UPPY_STRINGS_EN } from './uppy-strings.js'

/**
 * Uppy's `locale` option for a loaded pack, or for English (Uppy's own default) without one. A
 * string a pack lacks is shown in English by Uppy's translator, which stacks the pack on its default.
 */
export function uppyLocale(pack?: LocalePack) {
  // en_US's own rule: 0 → plural, 1 → singular.
  if (!pack) return { strings: { ...UPPY_STRINGS_EN }, pluralize: (n: number) => (n === 1 ? 0 : 1) }
  return {
    strings: { ...pack.uppy.strings, ...pack.widget?.uppy },
    pluralize: pack.uppy.pluralize,
  }
}
