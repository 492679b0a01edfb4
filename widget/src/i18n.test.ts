import { describe, expect, it } from 'vitest'
import { createTranslator, resolveLocale } from './i18n.js'
import { loadLocale } from './load-locale.js'
import { directionOf } from './locale-catalog.js'

describe('resolveLocale', () => {
  it('matches exactly, then by alias or language, then falls back to English', () => {
    expect(resolveLocale('pt-BR')).toBe('pt-BR')
    expect(resolveLocale('pt_br')).toBe('pt-BR')
    expect(resolveLocale('pt-PT')).toBe('pt-PT')
    expect(resolveLocale('de-AT')).toBe('de')
    expect(resolveLocale('es-419')).toBe('es')
    expect(resolveLocale('es-MX')).toBe('es-MX')
    expect(resolveLocale('fr-FR')).toBe('fr')
    expect(resolveLocale('ar-EG')).toBe('ar')
    expect(resolveLocale('xx-YY')).toBe('en')
    expect(resolveLocale(undefined)).toBe('en')
  })

  it('tells Portuguese and Chinese apart by region and script', () => {
    expect(resolveLocale('pt')).toBe('pt-BR')
    expect(resolveLocale('pt-AO')).toBe('pt-PT')
    expect(resolveLocale('pt-MZ')).toBe('pt-PT')
    expect(resolveLocale('zh')).toBe('zh-CN')
    expect(resolveLocale('zh-SG')).toBe('zh-CN')
    expect(resolveLocale('zh-Hant')).toBe('zh-TW')
    expect(resolveLocale('zh-HK')).toBe('zh-TW')
    expect(resolveLocale('zh-Hant-HK')).toBe('zh-TW')
    expect(resolveLocale('zh-Hans-CN')).toBe('zh-CN')
    expect(resolveLocale('sr')).toBe('sr-Cyrl')
    expect(resolveLocale('sr-Latn-RS')).toBe('sr-Latn')
    expect(resolveLocale('no')).toBe('nb')
  })

  it('takes the first supported tag of a preference list', () => {
    expect(resolveLocale(['xx-CA', 'es-MX', 'de'])).toBe('es-MX')
    expect(resolveLocale(['tlh', 'ja-JP', 'en'])).toBe('ja')
  })
})

describe('directionOf', () => {
  it('lays Arabic, Persian and Hebrew out right to left', () => {
    expect(['ar', 'fa', 'he', 'ja', 'en', 'pt-BR'].map(directionOf)).toEqual([
      'rtl',
      'rtl',
      'rtl',
      'ltr',
      'ltr',
      'ltr',
    ])
  })
})

describe('createTranslator', () => {
  it('speaks English until the locale is loaded, and the locale from then on', async () => {
    const t = createTranslator('it')
    expect(t('ui.open')).toBe('Upload files')
    await loadLocale('it')
    expect(t('ui.open')).toBe('Carica file')
  })

  it('fills placeholders, numbers as the locale writes them', async () => {
    await loadLocale('de')
    const t = createTranslator('de')
    expect(t('refused.size', { name: 'a.png', kind: t('kind.image'), limit: '10 MB' })).toBe(
      'a.png wurde nicht hinzugefügt: Die Grenze für Bilder liegt bei 10 MB.',
    )
    expect(t.plural('limits.count', 1200)).toBe('höchstens 1.200 Dateien')
  })

  it('picks the plural form Intl.PluralRules names, the locale’s `other` when it has no such form', async () => {
    await Promise.all([loadLocale('ru'), loadLocale('ar'), loadLocale('ja')])
    const ru = createTranslator('ru')
    expect([1, 2, 5, 21].map((n) => ru.plural('ui.attached', n))).toEqual([
      'Прикреплён 1 файл',
      'Прикреплено 2 файла',
      'Прикреплено 5 файлов',
      'Прикреплён 21 файл',
    ])
    const ar = createTranslator('ar')
    expect(ar.plural('ui.attached', 2)).toBe('ملفان مرفقان')
    expect(ar.plural('ui.attached', 3)).toMatch(/^\S+ ملفات مرفقة$/)
    expect(createTranslator('ja').plural('ui.attached', 1)).toBe('1 個のファイルを添付済み')
    expect(createTranslator('en').plural('ui.attached', 1)).toBe('1 file attached')
    expect(createTranslator('en').plural('ui.attached', 3)).toBe('3 files attached')
  })

  it('falls back to English for a missing or `null` key, then to the key', () => {
    const t = createTranslator('xx', {
      en: { 'ui.open': 'Upload files', 'ui.files': 'Files' },
      xx: { 'ui.dismiss': 'Weg', 'ui.files': null },
    })
    expect(t('ui.dismiss')).toBe('Weg')
    expect(t('ui.open')).toBe('Upload files')
    expect(t('ui.files')).toBe('Files')
    expect(t('ui.region')).toBe('ui.region')
  })

  it('leaves an unknown placeholder visible rather than blank', () => {
    expect(createTranslator('en')('failed.one', { name: 'a.png' })).toBe(
      'a.png could not be uploaded: {reason}',
    )
  })
})
