// Uppy's strings for the widget's locale: @uppy/locales' pack, with the widget's own wording on top.
import de_DE from '@uppy/locales/lib/de_DE.js'
import es_ES from '@uppy/locales/lib/es_ES.js'
import pt_BR from '@uppy/locales/lib/pt_BR.js'
import { UPPY_STRINGS } from './uppy-strings.js'

// English is Uppy's own default; the widget's other locales map to Uppy's nearest pack.
const UPPY_LOCALES = { 'pt-BR': pt_BR, de: de_DE, es: es_ES } as const

/** Uppy's `locale` option for one of the widget's locales. */
export function uppyLocale(widgetLocale: string) {
  const locale = UPPY_LOCALES[widgetLocale as keyof typeof UPPY_LOCALES]
  return {
    strings: { ...locale?.strings, ...UPPY_STRINGS[widgetLocale] },
    ...(locale && { pluralize: locale.pluralize }),
  }
}
