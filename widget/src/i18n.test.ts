import { describe, expect, it } from 'vitest'
import { createTranslator, LOCALES, resolveLocale } from './i18n.js'
import { en } from './locales/en.js'

describe('resolveLocale', () => {
  it('matches exactly, then by language, then falls back to English', () => {
    expect(resolveLocale('pt-BR')).toBe('pt-BR')
    expect(resolveLocale('pt_br')).toBe('pt-BR')
    expect(resolveLocale('pt-PT')).toBe('pt-BR')
    expect(resolveLocale('de-AT')).toBe('de')
    expect(resolveLocale('es-419')).toBe('es')
    expect(resolveLocale('fr-FR')).toBe('en')
    expect(resolveLocale(undefined)).toBe('en')
  })

  it('takes the first supported tag of a preference list', () => {
    expect(resolveLocale(['fr-CA', 'es-MX', 'de'])).toBe('es')
  })
})

describe('createTranslator', () => {
  it('fills placeholders', () => {
    const t = createTranslator('de')
    expect(t('refused.size', { name: 'a.png', kind: t('kind.image'), limit: '10 MB' })).toBe(
      'a.png wurde nicht hinzugefügt: Die Grenze für Bilder liegt bei 10 MB.',
    )
  })

  it('falls back to English for a missing key, then to the key', () => {
    const t = createTranslator('xx', { en: { 'ui.open': 'Upload files' }, xx: { 'ui.dismiss': 'Weg' } })
    expect(t('ui.dismiss')).toBe('Weg')
    expect(t('ui.open')).toBe('Upload files')
    expect(t('ui.region')).toBe('ui.region')
  })

  it('leaves an unknown placeholder visible rather than blank', () => {
    expect(createTranslator('en')('failed.one', { name: 'a.png' })).toBe(
      'a.png could not be uploaded: {reason}',
    )
  })

  it('ships every English key in every locale, with the same placeholders', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const [locale, messages] of Object.entries(LOCALES)) {
      for (const [key, english] of Object.entries(en)) {
        const translated = (messages as Record<string, string>)[key]
        expect(translated, `${locale} ${key}`).toBeTypeOf('string')
        expect(placeholders(translated ?? ''), `${locale} ${key}`).toEqual(placeholders(english))
      }
    }
  })
})
